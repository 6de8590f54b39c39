/** Floe's relational expressions: the pushed-down scan and its bridge to the enumerable plan. */
package dev.floe.planner.rel;
