package dev.floe.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * JDBC options that ask for what Floe does not have, answered the way JDBC allows instead of
 * Avatica's "not supported" (which Spring's key holders, JPA providers and SQL tools trip over):
 *
 * <ul>
 *   <li>Generated keys: no column is generated, so {@code RETURN_GENERATED_KEYS} or key columns
 *       asked of {@code execute}, {@code executeUpdate}, {@code executeLargeUpdate} and {@code
 *       prepareStatement} change nothing, and {@code getGeneratedKeys} is an empty result set.
 *   <li>Scrollable or updatable result sets: the statement is made forward-only and read-only, as
 *       JDBC lets a driver choose, with a warning on the connection ({@code getResultSetType} then
 *       says so; {@code
 *       DatabaseMetaData.supportsResultSetType} answers false for the others).
 *   <li>{@code nativeSQL}: Floe's SQL is its native SQL; the text comes back unchanged.
 * </ul>
 */
final class StatementOptions {
  private StatementOptions() {}

  /**
   * The answer to {@code name(args)} called on {@code proxy} (the driver's wrapper of {@code
   * target}), made through the plain form of the call; empty when the call goes through as it is.
   *
   * @param settings the connection's, when {@code target} is a connection (a downgrade is warned
   *     there)
   */
  static Optional<Object> answer(Object proxy, Object target, ConnectionSettings settings, String name, Object[] args)
      throws SQLException {
    int argc = args == null ? 0 : args.length;
    if (target instanceof Connection && proxy instanceof Connection c) {
      if (name.equals("nativeSQL") && argc == 1) {
        return Optional.ofNullable(args[0]);
      }
      if (name.equals("prepareStatement") && argc == 2 && args[0] instanceof String sql) {
        return Optional.of(c.prepareStatement(sql)); // with keys asked for
      }
      boolean create = name.equals("createStatement") && argc >= 2;
      if (create || (name.equals("prepareStatement") && argc >= 3 && args[0] instanceof String)) {
        int at = create ? 0 : 1; // type, concurrency[, holdability]
        if (Integer.valueOf(ResultSet.TYPE_FORWARD_ONLY).equals(args[at])
            && Integer.valueOf(ResultSet.CONCUR_READ_ONLY).equals(args[at + 1])) {
          return Optional.empty(); // what Floe gives: the call stands
        }
        int holdability = argc > at + 2 ? (Integer) args[at + 2] : c.getHoldability();
        settings.warn("Floe's result sets are forward-only and read-only; the statement was made so instead of"
            + " result set type " + args[at] + " and concurrency " + args[at + 1]);
        return Optional.of(create
            ? c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability)
            : c.prepareStatement((String) args[0], ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability));
      }
      return Optional.empty();
    }
    if (!(target instanceof Statement) || !(proxy instanceof Statement s)) {
      return Optional.empty();
    }
    if (argc == 2 && args[0] instanceof String sql
        && (args[1] instanceof Integer || args[1] instanceof int[] || args[1] instanceof String[])) {
      switch (name) {
        case "execute":
          return Optional.of(s.execute(sql));
        case "executeUpdate":
          return Optional.of(s.executeUpdate(sql));
        case "executeLargeUpdate":
          return Optional.of(s.executeLargeUpdate(sql));
        default:
          return Optional.empty();
      }
    }
    if (name.equals("getGeneratedKeys") && argc == 0) {
      Statement keys = s.getConnection().createStatement();
      keys.closeOnCompletion();
      ResultSet none = keys.executeQuery("SELECT CAST(NULL AS BIGINT) AS generated_key FROM (VALUES (0)) AS k (x)"
          + " WHERE x <> 0");
      return Optional.of(none);
    }
    return Optional.empty();
  }
}
