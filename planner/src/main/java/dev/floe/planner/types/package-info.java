/** The mapping between Floe's stored column types and Calcite's SQL types. */
package dev.floe.planner.types;
