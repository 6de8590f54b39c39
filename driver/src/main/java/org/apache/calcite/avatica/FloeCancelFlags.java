package org.apache.calcite.avatica;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reaches an Avatica statement's cancel flag, which only Avatica's package can see: the flag Calcite
 * hands every execution of the statement as {@code DataContext.Variable.CANCEL_FLAG}, and which
 * Floe's execution loops check.
 */
public final class FloeCancelFlags {
  private FloeCancelFlags() {}

  /** The cancel flag of {@code statement} (an Avatica statement, or a wrapper of one). */
  public static AtomicBoolean of(Statement statement) throws SQLException {
    return statement.unwrap(AvaticaStatement.class).cancelFlag;
  }
}
