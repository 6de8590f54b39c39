/**
 * The Floe JDBC driver: URL and connection properties ({@link dev.floe.jdbc.FloeProperty}), the
 * one SQLState table ({@link dev.floe.jdbc.SqlState}) and error mapping. The only module that speaks
 * {@code java.sql}.
 */
package dev.floe.jdbc;
