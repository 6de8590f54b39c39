/**
 * The Apache Calcite adapter over Floe storage: schema and tables, DDL, and (with the SQL issue)
 * scans with pushdown and DML. No {@code java.sql} types in its API.
 */
package dev.floe.planner;
