/** Translation of Calcite filter conditions into the predicates a Floe scan evaluates. */
package dev.floe.planner.pushdown;
