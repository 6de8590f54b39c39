package dev.floe.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * Transaction control written as SQL, which Calcite's grammar lacks and scripts, tools' SQL editors
 * and the {@code floe} shell send: {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT} and
 * {@code ROLLBACK} (each with an optional {@code WORK} or {@code TRANSACTION}, and a trailing
 * semicolon). They act through the connection's JDBC calls, as PostgreSQL's do:
 *
 * <ul>
 *   <li>BEGIN turns autocommit off until the transaction ends; inside a transaction it does
 *       nothing (PostgreSQL warns).
 *   <li>COMMIT and ROLLBACK end the transaction ({@link Connection#commit}, {@link
 *       Connection#rollback}, with their failure outcomes: a lost first-committer race is 40001 and
 *       publishes nothing); after a BEGIN they turn autocommit back on. With autocommit on they do
 *       nothing (PostgreSQL warns).
 * </ul>
 */
final class TransactionStatements {
  private TransactionStatements() {}

  enum Kind { BEGIN, COMMIT, ROLLBACK }

  private static final Pattern FORM = Pattern.compile(
      "(?i)\\s*(BEGIN(\\s+(WORK|TRANSACTION))?|START\\s+TRANSACTION|(COMMIT|ROLLBACK)(\\s+(WORK|TRANSACTION))?)\\s*;?\\s*");

  /** Connections whose autocommit a BEGIN turned off (COMMIT and ROLLBACK turn it back on). */
  private static final Set<Connection> BEGUN = Collections.newSetFromMap(
      Collections.synchronizedMap(new WeakHashMap<>()));

  /** The statement's kind, if {@code sql} is one of these statements. */
  static Optional<Kind> of(String sql) {
    if (sql == null || sql.length() > 40 || !FORM.matcher(sql).matches()) {
      return Optional.empty();
    }
    String first = sql.trim().toUpperCase(Locale.ROOT);
    return Optional.of(first.startsWith("COMMIT") ? Kind.COMMIT
        : first.startsWith("ROLLBACK") ? Kind.ROLLBACK : Kind.BEGIN);
  }

  /** Runs {@code kind} on {@code connection} (the driver's Calcite connection underneath). */
  static void run(Kind kind, Connection connection) throws SQLException {
    if (kind == Kind.BEGIN) {
      if (connection.getAutoCommit()) {
        connection.setAutoCommit(false);
        BEGUN.add(connection);
      }
      return;
    }
    if (connection.getAutoCommit()) {
      return; // no transaction in progress
    }
    boolean begun = BEGUN.remove(connection);
    try {
      if (kind == Kind.COMMIT) {
        connection.commit();
      } else {
        connection.rollback();
      }
    } finally {
      if (begun) {
        connection.setAutoCommit(true); // nothing is pending after a commit or rollback, even a failed one
      }
    }
  }
}
