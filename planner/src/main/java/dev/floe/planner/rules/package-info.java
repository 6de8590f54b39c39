/** Planner rules that push column pruning and filters into Floe scans. */
package dev.floe.planner.rules;
