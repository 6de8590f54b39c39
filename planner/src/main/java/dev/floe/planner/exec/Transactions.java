package dev.floe.planner.exec;

import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.SegmentEntry;
import dev.floe.storage.table.Table;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Explicit transactions (autocommit off): the rows a connection INSERTs are gathered per table and
 * published at COMMIT, one commit per table, or dropped at ROLLBACK. Until then the connection's own
 * scans see them (they are staged as segments the scan reads along with its pinned version) and no
 * other connection does. Atomicity is per table: a COMMIT that fails part-way leaves the tables
 * committed so far committed. DELETE, UPDATE and DDL run at once, as in autocommit mode, and a
 * DELETE or UPDATE of a table with uncommitted rows is refused.
 *
 * <p>Connections are the keys the driver registers ({@link #begin}); the planner finds a
 * statement's transaction through its {@code DataContext}'s query provider, the same object.
 */
public final class Transactions {
  private static final Map<Object, Transactions> OPEN = Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<String, RowAppender> tables = new LinkedHashMap<>();

  private Transactions() {}

  /** Opens a transaction for {@code connection} if none is open. */
  public static void begin(Object connection) {
    OPEN.computeIfAbsent(connection, c -> new Transactions());
  }

  /** The open transaction of {@code connection}, or null when it is in autocommit mode. */
  public static Transactions of(Object connection) {
    return connection == null ? null : OPEN.get(connection);
  }

  /** Publishes what {@code connection} wrote; its transaction stays open (autocommit is still off). */
  public static void commit(Object connection) {
    Transactions t = of(connection);
    if (t != null) {
      t.publish();
    }
  }

  /** Drops what {@code connection} wrote; its transaction stays open. */
  public static void rollback(Object connection) {
    Transactions t = of(connection);
    if (t != null) {
      t.discard();
    }
  }

  /** Commits and ends the transaction (autocommit switched back on). */
  public static void end(Object connection, boolean commit) {
    Transactions t = OPEN.remove(connection);
    if (t != null) {
      if (commit) {
        t.publish();
      } else {
        t.discard();
      }
    }
  }

  /** The appender gathering this transaction's rows for {@code table}. */
  public synchronized RowAppender appender(FloeStore store, String table) {
    return tables.computeIfAbsent(table, n -> {
      Table t = store.table(n);
      return new RowAppender(t, t.latest().schema(), "transaction insert into " + n);
    });
  }

  /** This transaction's uncommitted segments of {@code table}, staged so a scan can read them. */
  public synchronized List<SegmentEntry> pending(String table) {
    RowAppender a = tables.get(table);
    return a == null ? List.of() : a.stageAll();
  }

  /** Whether this transaction holds uncommitted rows of {@code table}. */
  public synchronized boolean hasPending(String table) {
    RowAppender a = tables.get(table);
    return a != null && a.rowCount() > 0;
  }

  private synchronized void publish() {
    try {
      for (RowAppender a : tables.values()) {
        a.commit();
      }
    } finally {
      discard();
    }
  }

  private synchronized void discard() {
    for (RowAppender a : tables.values()) {
      a.close();
    }
    tables.clear();
  }
}
