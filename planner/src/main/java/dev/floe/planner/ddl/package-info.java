/**
 * Floe's DDL: CREATE/DROP TABLE and VIEW against the catalog, ALTER TABLE ADD COLUMN, and keys and
 * indexes (column and table PRIMARY KEY/UNIQUE constraints, CREATE [UNIQUE] INDEX, DROP INDEX; RFC
 * 0006), which Calcite's DDL grammar lacks and which are recognized here on the statement's tokens.
 */
package dev.floe.planner.ddl;
