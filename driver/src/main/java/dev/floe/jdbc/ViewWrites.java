package dev.floe.jdbc;

import dev.floe.planner.ddl.FloeViews;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.jdbc.FloeMetaImpl;

/**
 * Explains a failed statement that writes to a view: views are read-only, and Calcite fails such
 * a statement with an error that does not say so (no plan, or a wrong cast at execution). Only a
 * statement that already failed, and starts with INSERT, UPDATE, DELETE or MERGE, is looked at
 * (its SQL parsed again), so other statements cost nothing.
 */
final class ViewWrites {
  private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");

  private ViewWrites() {}

  /**
   * {@code failure} as 0A000 naming the view, if it is an {@link SQLException} and {@code args[0]}
   * is SQL writing to a view of the root of {@code source} (a Calcite statement or connection);
   * otherwise {@code failure} itself, also when finding out fails.
   */
  static <T extends Throwable> Throwable explain(Object source, Object[] args, T failure) {
    if (!(failure instanceof SQLException) || args == null || args.length == 0 || !(args[0] instanceof String sql)
        || !WRITES.contains(SqlText.firstKeyword(sql))) {
      return failure;
    }
    Optional<String> view;
    try {
      Connection c = source instanceof Statement s ? s.getConnection() : (Connection) source;
      view = FloeViews.viewWrittenBy(sql, FloeMetaImpl.of(c.unwrap(AvaticaConnection.class)).store());
    } catch (SQLException | RuntimeException e) {
      return failure; // the original error stands
    }
    return view.<Throwable>map(v -> SqlState.FEATURE_NOT_SUPPORTED.exception("'" + v + "' is a view, and views"
        + " are read-only; INSERT, UPDATE, DELETE and MERGE write tables: write to the table the view reads",
        failure)).orElse(failure);
  }
}
