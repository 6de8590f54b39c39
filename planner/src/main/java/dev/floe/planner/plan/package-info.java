/**
 * Floe's optimization program around Calcite's Volcano planner ({@link dev.floe.planner.plan.FloeProgram}):
 * heuristic join ordering for joins of many tables, and checked integer sums in Calcite's own
 * aggregates and windows.
 */
package dev.floe.planner.plan;
