/**
 * Execution glue between Floe's Arrow batches and Calcite's row-at-a-time enumerables: reading
 * vectors into rows of Calcite's internal representation and writing rows back into vectors.
 */
package dev.floe.planner.exec;
