/** The {@code floe} SQL shell, Floe's main job: sqlline over the Floe driver with Floe's defaults. */
package dev.floe.shell;
