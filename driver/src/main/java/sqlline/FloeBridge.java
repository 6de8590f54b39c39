package sqlline;

import java.sql.Connection;

/**
 * The floe shell's one way into sqlline's package-private state: the current connection (so that the
 * shell's own commands, {@code !export}, see what the session sees, its open transaction included)
 * and the message stream.
 */
public final class FloeBridge {
  private FloeBridge() {}

  /**
   * The shell's current connection.
   *
   * @throws IllegalArgumentException when there is none
   */
  public static Connection connection(SqlLine sqlLine) {
    return sqlLine.getConnection();
  }

  /** Where the shell writes messages that are not results. */
  public static java.io.PrintStream errorStream(SqlLine sqlLine) {
    return sqlLine.getErrorStream();
  }
}
