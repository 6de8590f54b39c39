/**
 * Floe's storage model: schemas and column types shared by the segment format, the commit
 * protocol and the SQL layer. No Calcite and no {@code java.sql} anywhere under this package.
 */
package dev.floe.storage;
