package sqlline;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * sqlline with the floe shell's hooks into its package-private steps: how a result is printed, and
 * what happens around each dispatched line.
 *
 * <p>After each line the callback forgets the statement it ran: sqlline keeps the (closed)
 * statement and cancels it again on Ctrl-C at the prompt, which a driver may refuse (Floe fails
 * with 08003 on a closed statement).
 */
public abstract class FloeShellBase extends SqlLine {
  /**
   * Prints {@code rs} in output format {@code format} to {@code out} itself and returns the row
   * count, or returns -1 to leave it to sqlline.
   */
  protected abstract long printOwn(ResultSet rs, String format, java.io.PrintStream out) throws SQLException;

  /** The result set sqlline's own formats print: {@code rs} or a view of it. */
  protected abstract ResultSet forDisplay(ResultSet rs) throws SQLException;

  /** Called before the shell runs {@code line} (a statement or a {@code !command}). */
  protected abstract void starting(String line);

  /** Called when the line's work is done: after it ran, and also before its rows are printed. */
  protected abstract void finished();

  @Override
  int print(ResultSet rs, DispatchCallback callback) throws SQLException {
    long own = printOwn(rs, getOpts().getOutputFormat(), getOutputStream());
    return own >= 0 ? (int) Math.min(own, Integer.MAX_VALUE) : super.print(forDisplay(rs), callback);
  }

  @Override
  void dispatch(String line, DispatchCallback callback) {
    starting(line);
    try {
      super.dispatch(line, callback);
    } finally {
      finished();
      DispatchCallback.Status status = callback.getStatus();
      callback.trackSqlQuery(null);
      callback.setStatus(status);
    }
  }
}
