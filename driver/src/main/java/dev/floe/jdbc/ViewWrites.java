package dev.floe.jdbc;

import dev.floe.planner.ddl.FloeViews;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.jdbc.FloeMetaImpl;

/**
 * Explains a failed statement that writes to a view: views are read-only, and Calcite fails such
 * a statement with an error that does not say so (no plan, or a wrong cast at execution). Only a
 * statement that already failed is looked at (its SQL parsed again), so successful statements
 * cost nothing.
 */
final class ViewWrites {
  private ViewWrites() {}

  /**
   * {@code failure} as 0A000 naming the view if {@code args[0]} is SQL writing to a view of {@code
   * connection}'s root; otherwise {@code failure} itself.
   */
  static Throwable explain(Connection connection, Object[] args, Throwable failure) {
    if (!(failure instanceof SQLException) || args == null || args.length == 0 || !(args[0] instanceof String sql)) {
      return failure;
    }
    Optional<String> view;
    try {
      view = FloeViews.viewWrittenBy(sql, FloeMetaImpl.of(connection.unwrap(AvaticaConnection.class)).store());
    } catch (SQLException | RuntimeException e) {
      return failure; // the original error stands
    }
    return view.<Throwable>map(v -> SqlState.FEATURE_NOT_SUPPORTED.exception("'" + v + "' is a view, and views"
        + " are read-only; INSERT, UPDATE, DELETE and MERGE write tables: write to the table the view reads",
        failure)).orElse(failure);
  }

  static SQLException explain(Connection connection, Object[] args, SQLException failure) {
    return (SQLException) explain(connection, args, (Throwable) failure);
  }
}
