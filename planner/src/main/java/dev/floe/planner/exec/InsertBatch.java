package dev.floe.planner.exec;

import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gathers the rows of a JDBC batch ({@code PreparedStatement.executeBatch}) so that the whole batch
 * is one commit per table instead of one per row. While a batch is open on the current thread,
 * INSERTs add their rows to it; {@link #commit} then commits each table's rows once, and {@link
 * #close} without a commit discards them (nothing was published; staged segments are orphans that
 * VACUUM removes).
 */
public final class InsertBatch implements AutoCloseable {
  private static final ThreadLocal<InsertBatch> CURRENT = new ThreadLocal<>();

  private final Map<String, RowAppender> appenders = new LinkedHashMap<>();

  private InsertBatch() {}

  /** Opens a batch on this thread. */
  public static InsertBatch open() {
    if (CURRENT.get() != null) {
      throw new IllegalStateException("a batch is already open on this thread");
    }
    InsertBatch b = new InsertBatch();
    CURRENT.set(b);
    return b;
  }

  /** The batch open on this thread, or null. */
  public static InsertBatch current() {
    return CURRENT.get();
  }

  /** The appender gathering this batch's rows for {@code table}. */
  public RowAppender appender(FloeStore store, String table) {
    return appenders.computeIfAbsent(table, t -> {
      Table tbl = store.table(t);
      return new RowAppender(tbl, tbl.latest().schema(), "batch insert into " + t);
    });
  }

  /**
   * Commits every table's rows, one commit per table, in the order the tables were first written.
   * A failure leaves the tables committed so far committed and the rest not.
   */
  public void commit() {
    for (RowAppender a : appenders.values()) {
      a.commit();
    }
  }

  @Override
  public void close() {
    CURRENT.remove();
    for (RowAppender a : appenders.values()) {
      a.close();
    }
    appenders.clear();
  }
}
