package dev.floe.jdbc;

import dev.floe.planner.ddl.AlterTableAddColumn;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.jdbc.FloeMetaImpl;

/**
 * Statements Calcite's grammar lacks, run by Floe before Calcite sees them: {@code ALTER TABLE
 * ... ADD COLUMN} and transaction control ({@link TransactionStatements}), through {@link
 * Statement#execute}, {@code executeUpdate}, {@code executeLargeUpdate} and {@code executeQuery}. Like Calcite's DDL, through {@code executeQuery}
 * the statement runs (its own errors are thrown as they are) and then, as it returns no rows,
 * {@link ErrorTranslator#noResultSet} is thrown.
 */
final class DdlExtensions {
  private DdlExtensions() {}

  /** Whether this call is one Floe runs itself. */
  static boolean handles(Object target, Method method, Object[] args) {
    String name = method.getName();
    return target instanceof Statement && args != null && args.length >= 1 && args[0] instanceof String
        && (name.equals("execute") || name.equals("executeUpdate") || name.equals("executeLargeUpdate")
            || name.equals("executeQuery"))
        && runsItself((String) args[0]);
  }

  /** Whether Floe runs {@code sql} itself rather than Calcite. */
  static boolean runsItself(String sql) {
    return AlterTableAddColumn.matches(sql) || TransactionStatements.of(sql).isPresent();
  }

  /** Runs the call; returns what the JDBC method returns for a DDL statement. */
  static Object run(Statement target, Method method, Object[] args) throws SQLException {
    AvaticaConnection connection = target.getConnection().unwrap(AvaticaConnection.class);
    String sql = (String) args[0];
    try {
      java.util.Optional<TransactionStatements.Kind> tx = TransactionStatements.of(sql);
      if (tx.isPresent()) {
        TransactionStatements.run(tx.get(), connection);
      } else {
        AlterTableAddColumn.execute(sql, FloeMetaImpl.of(connection).store());
      }
    } catch (RuntimeException e) {
      throw ErrorTranslator.translate(e);
    }
    switch (method.getName()) {
      case "execute":
        return false;
      case "executeLargeUpdate":
        return 0L;
      case "executeQuery":
        throw ErrorTranslator.noResultSet(null);
      default:
        return 0;
    }
  }
}
