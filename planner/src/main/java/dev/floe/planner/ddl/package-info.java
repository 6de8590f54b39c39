/** Floe's DDL executor: CREATE TABLE and DROP TABLE against the catalog. */
package dev.floe.planner.ddl;
