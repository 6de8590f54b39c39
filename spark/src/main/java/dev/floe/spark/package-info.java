/**
 * Floe tables in Apache Spark 4 (DataSource V2, RFC 0007): {@link dev.floe.spark.FloeCatalog} for
 * {@code spark.sql.catalog.floe}, {@link dev.floe.spark.FloeSource} for {@code format("floe")}. Reads
 * are split by segment and pushed into Floe's segment reader; writes stage segments on the executors
 * and commit once on the driver. Depends on floe-storage only.
 */
package dev.floe.spark;
