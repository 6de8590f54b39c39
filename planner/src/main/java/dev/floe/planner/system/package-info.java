/**
 * Schema {@code floe_system}: read-only tables that describe the store's tables, their versions
 * and segments, computed from the catalog and the table logs whenever a statement reads them.
 */
package dev.floe.planner.system;
