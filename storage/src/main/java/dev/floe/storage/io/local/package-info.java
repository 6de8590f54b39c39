/** The {@code local} backend of the object-store SPI; see {@link dev.floe.storage.io.ObjectStore}. */
package dev.floe.storage.io.local;
