package dev.floe.planner.exec;

import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.MultiTableCommit;
import dev.floe.storage.table.ReadCut;
import dev.floe.storage.table.PendingChanges;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Explicit transactions (autocommit off): everything a connection INSERTs, DELETEs and UPDATEs is
 * gathered per table ({@link PendingChanges}: removed segments, staged segments) and published at
 * COMMIT as one multi-table transaction ({@link MultiTableCommit}: visible in all its tables or in
 * none, also when the client dies during COMMIT), or dropped at ROLLBACK. Until then the
 * connection's own statements see the changes and no other connection does. A COMMIT loses (40001,
 * nothing published) when a concurrent commit replaced a segment the transaction deleted from or
 * updated.
 * DDL runs at once, as in autocommit mode.
 *
 * <p>Connections are the keys the driver registers ({@link #begin}); the planner finds a
 * statement's transaction through its {@code DataContext}'s query provider, the same object.
 */
public final class Transactions {
  private static final Map<Object, Transactions> OPEN = Collections.synchronizedMap(new WeakHashMap<>());
  private static final Map<Object, Boolean> REPEATABLE = Collections.synchronizedMap(new WeakHashMap<>());

  /** One table's share of the transaction: rows not yet staged, and the changes so far. */
  private record Entry(RowAppender appender, PendingChanges changes) {
    PendingChanges drained() {
      changes.addStaged(appender.drainStaged());
      return changes;
    }
  }

  private final Map<String, Entry> tables = new LinkedHashMap<>();
  /** Under REPEATABLE READ: the cut every statement of the transaction reads, per store. */
  private final Map<FloeStore, ReadCut> cuts = new java.util.IdentityHashMap<>();
  private volatile boolean repeatableRead;
  private boolean rewrote;

  /**
   * Sets the isolation of {@code connection}'s transactions: REPEATABLE READ ({@code true}: every
   * statement of a transaction reads each table at the version its first read chose, all of them
   * one read-atomic cut) or READ COMMITTED (each statement reads its own read-atomic cut). Takes
   * effect from the next transaction.
   */
  public static void repeatableRead(Object connection, boolean on) {
    if (on) {
      REPEATABLE.put(connection, Boolean.TRUE);
    } else {
      REPEATABLE.remove(connection);
    }
    Transactions t = of(connection);
    if (t != null) {
      t.repeatableRead = on;
    }
  }

  /** Whether {@code connection}'s transactions are REPEATABLE READ. */
  public static boolean repeatableRead(Object connection) {
    return REPEATABLE.containsKey(connection);
  }

  /**
   * The cut every statement of this transaction reads: under REPEATABLE READ always, under READ
   * COMMITTED once the transaction has updated or deleted ({@link #rewrote}); else empty (each
   * statement reads its own cut).
   */
  public synchronized Optional<ReadCut> cut(FloeStore store) {
    return repeatableRead || rewrote ? Optional.of(cuts.computeIfAbsent(store, s -> new ReadCut())) : Optional.empty();
  }

  /**
   * Records that this transaction updated or deleted rows of {@code table} read at {@code base}:
   * from now on every statement of the transaction reads {@code table} at {@code base} (with the
   * transaction's own changes) and every other table in one read-atomic cut with it. A later
   * statement reading a newer version would see both a segment this transaction replaced and a
   * concurrent replacement of it, counting its rows twice.
   */
  public synchronized void rewrote(FloeStore store, String table, TableVersion base) {
    rewrote = true;
    cuts.computeIfAbsent(store, s -> new ReadCut()).latest(table, () -> base);
  }

  private Transactions() {}

  /** Opens a transaction for {@code connection} if none is open. */
  public static void begin(Object connection) {
    OPEN.computeIfAbsent(connection, c -> {
      Transactions t = new Transactions();
      t.repeatableRead = repeatableRead(c);
      return t;
    });
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

  private Entry entry(FloeStore store, String table) {
    return tables.computeIfAbsent(table, n -> {
      Table t = store.table(n);
      return new Entry(new RowAppender(t, t.latest().schema(), "transaction insert into " + n), new PendingChanges(t));
    });
  }

  /** The appender gathering this transaction's inserted rows for {@code table}. */
  public synchronized RowAppender appender(FloeStore store, String table) {
    return entry(store, table).appender();
  }

  /** This transaction's changes to {@code table}, every inserted row staged. */
  public synchronized PendingChanges changes(FloeStore store, String table) {
    return entry(store, table).drained();
  }

  /** Whether this transaction has touched {@code table}. */
  public synchronized boolean touched(String table) {
    return tables.containsKey(table);
  }

  private synchronized void publish() {
    try {
      List<PendingChanges> parts = new ArrayList<>();
      for (Entry e : tables.values()) {
        parts.add(e.drained());
      }
      MultiTableCommit.commit(parts);
    } finally {
      cuts.clear(); // the next transaction reads afresh
      rewrote = false;
      for (Entry e : tables.values()) {
        e.changes().discard(); // what a failed commit left unpublished; VACUUM removes its objects
        e.appender().close();
      }
      tables.clear();
    }
  }

  private synchronized void discard() {
    cuts.clear();
    rewrote = false;
    try {
      for (Entry e : tables.values()) {
        e.changes().addStaged(e.appender().drainStaged(false));
        e.changes().rollback();
      }
    } finally {
      for (Entry e : tables.values()) {
        e.appender().close();
      }
      tables.clear();
    }
  }
}
