package dev.floe.jdbc;

import java.lang.reflect.Method;
import java.sql.ClientInfoStatus;
import java.sql.Connection;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The per-connection settings Floe answers itself rather than Calcite's connection, which refuses
 * or ignores them:
 *
 * <ul>
 *   <li>Isolation (RFC 0005): READ COMMITTED by default (each statement reads one read-atomic cut of
 *       the latest commits plus the transaction's own changes) or REPEATABLE READ (every statement
 *       of a transaction reads the cut its first reads chose). READ UNCOMMITTED is given as READ
 *       COMMITTED (JDBC lets a driver give a stronger level; {@code getTransactionIsolation} then
 *       says which); SERIALIZABLE and NONE are refused with 0A000, as {@code
 *       supportsTransactionIsolationLevel} answers.
 *   <li>Type map: Floe has no user-defined types, so the map is empty unless the application sets
 *       one; a set map is kept (as a copy) and returned, and its entries never apply.
 *   <li>Client info: any name is kept with its value until changed, a null value removes it, and
 *       {@code setClientInfo(Properties)} replaces them all, as JDBC describes. Floe sends nowhere.
 *   <li>Warnings: what Floe changed of a request JDBC lets it change (a scrollable result set made
 *       forward-only), chained until {@code clearWarnings}.
 *   <li>Read-only: a connection open on a named snapshot stays read-only; {@code
 *       setReadOnly(false)} on it fails with 25006 (DDL would otherwise write the live tables).
 * </ul>
 *
 * On a closed connection each of these throws 08003 (the client-info setters a {@link
 * SQLClientInfoException} with that state).
 */
final class ConnectionSettings {
  private final Properties clientInfo = new Properties();
  private Map<String, Class<?>> typeMap = new HashMap<>();
  /** The named snapshot the connection reads, or null. */
  private final String snapshot;
  private SQLWarning warnings;

  ConnectionSettings(String snapshot) {
    this.snapshot = snapshot;
  }

  /**
   * This object's answer to {@code method} called on {@code connection} with {@code args} ({@link
   * Void#TYPE} standing for null and for no value), or empty if Calcite's connection answers it.
   */
  Optional<Object> answer(Connection connection, Method method, Object[] args) throws SQLException {
    int argc = args == null ? 0 : args.length;
    String name = method.getName();
    boolean mine = switch (name) {
      case "getTransactionIsolation", "getTypeMap" -> argc == 0;
      case "setTransactionIsolation", "setTypeMap" -> argc == 1;
      case "getClientInfo", "setClientInfo" -> true;
      case "setReadOnly" -> argc == 1 && snapshot != null && Boolean.FALSE.equals(args[0]);
      case "getWarnings", "clearWarnings" -> argc == 0;
      default -> false;
    };
    if (!mine) {
      return Optional.empty();
    }
    if (connection.isClosed()) {
      SQLException closed = SqlState.CONNECTION_DOES_NOT_EXIST.exception(name + " on a closed connection;"
          + " open a new connection");
      if (name.equals("setClientInfo")) {
        throw new SQLClientInfoException(closed.getMessage(), closed.getSQLState(), Map.of(), closed);
      }
      throw closed;
    }
    synchronized (this) {
      switch (name) {
        case "getTransactionIsolation":
          return Optional.of(dev.floe.planner.exec.Transactions.repeatableRead(connection)
              ? Connection.TRANSACTION_REPEATABLE_READ : Connection.TRANSACTION_READ_COMMITTED);
        case "setTransactionIsolation":
          setIsolation(connection, (Integer) args[0]);
          return Optional.of(Void.TYPE);
        case "getTypeMap":
          return Optional.of(new HashMap<>(typeMap));
        case "setTypeMap":
          @SuppressWarnings("unchecked")
          Map<String, Class<?>> map = (Map<String, Class<?>>) args[0];
          if (map == null) {
            throw SqlState.INVALID_PARAMETER_VALUE.exception("setTypeMap(null); pass an empty map instead");
          }
          typeMap = new HashMap<>(map);
          return Optional.of(Void.TYPE);
        case "setReadOnly":
          throw SqlState.READ_ONLY_TRANSACTION.exception("this connection is open on the named snapshot '"
              + snapshot + "', which is read-only; open a connection without the snapshot property to write");
        case "getWarnings":
          return Optional.of(warnings == null ? Void.TYPE : warnings);
        case "clearWarnings":
          warnings = null;
          return Optional.of(Void.TYPE);
        case "getClientInfo":
          Object value = argc == 0 ? copy(clientInfo) : clientInfo.getProperty((String) args[0]);
          return Optional.of(value == null ? Void.TYPE : value);
        default: // setClientInfo
          setClientInfo(args);
          return Optional.of(Void.TYPE);
      }
    }
  }

  /** Adds a warning to the connection's chain ({@code getWarnings}). */
  synchronized void warn(String message) {
    SQLWarning w = new SQLWarning(message, "01000");
    if (warnings == null) {
      warnings = w;
    } else {
      warnings.setNextWarning(w);
    }
  }

  private static void setIsolation(Connection connection, int level) throws SQLException {
    switch (level) {
      case Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED -> {
        dev.floe.planner.exec.Transactions.repeatableRead(connection, false);
        return;
      }
      case Connection.TRANSACTION_REPEATABLE_READ -> {
        dev.floe.planner.exec.Transactions.repeatableRead(connection, true);
        return;
      }
      default -> { }
    }
    String what = switch (level) {
      case Connection.TRANSACTION_NONE -> "TRANSACTION_NONE (no transactions)";
      case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
      default -> "isolation level " + level;
    };
    throw SqlState.FEATURE_NOT_SUPPORTED.exception(what + " is not supported: Floe's transactions are READ"
        + " COMMITTED (each statement reads one read-atomic cut of the latest commits plus its transaction's"
        + " own changes) or REPEATABLE READ (every statement of a transaction reads the cut its first reads"
        + " chose); neither prevents write skew between transactions that write different rows; use"
        + " Connection.TRANSACTION_READ_COMMITTED or TRANSACTION_REPEATABLE_READ");
  }

  private void setClientInfo(Object[] args) throws SQLClientInfoException {
    if (args.length == 1) {
      Properties all = (Properties) args[0];
      clientInfo.clear();
      if (all != null) {
        all.stringPropertyNames().forEach(n -> clientInfo.setProperty(n, all.getProperty(n)));
      }
      return;
    }
    String key = (String) args[0];
    String value = (String) args[1];
    if (key == null) {
      throw new SQLClientInfoException("setClientInfo with a null name; name the property",
          SqlState.INVALID_PARAMETER_VALUE.code(), Map.of("null", ClientInfoStatus.REASON_UNKNOWN_PROPERTY));
    }
    if (value == null) {
      clientInfo.remove(key);
    } else {
      clientInfo.setProperty(key, value);
    }
  }

  private static Properties copy(Properties p) {
    Properties out = new Properties();
    p.stringPropertyNames().forEach(n -> out.setProperty(n, p.getProperty(n)));
    return out;
  }
}
