package dev.floe.planner.exec;

import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.ReadCut;
import dev.floe.storage.table.TableVersion;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.DataContext;

/**
 * The table versions one execution of a statement reads: the first scan of a table at a read point
 * in an execution pins the version that point selects, and every other scan of that table at that
 * point in the same execution (a self-join, a subquery) reads the same one; a scan of the same
 * table at another point ({@code FOR SYSTEM_TIME AS OF}, {@code floe.at_version}) pins its own.
 * Executions are told apart by their {@link DataContext}, which Calcite creates anew for each;
 * entries go when it is collected. The latest versions of different tables form one read-atomic
 * cut ({@link ReadCut}), shared with the JDBC call's planning reads and, under REPEATABLE READ, with
 * every statement of the open transaction.
 */
public final class ReadPins {
  private static final Map<DataContext, Map<Key, TableVersion>> PINS =
      Collections.synchronizedMap(new WeakHashMap<>());
  /** Per execution and store: the read-atomic cut of its LATEST reads when no call scope is open. */
  private static final Map<DataContext, Map<FloeStore, ReadCut>> CUTS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private record Key(String table, ReadPoint point) {}

  private ReadPins() {}

  /**
   * The cut LATEST reads of {@code root}'s execution join: the open transaction's (REPEATABLE
   * READ), else the JDBC call's, else the execution's own.
   */
  private static ReadCut cut(DataContext root, FloeStore store) {
    Transactions tx = Transactions.of(root.getQueryProvider());
    java.util.Optional<ReadCut> own = tx == null ? java.util.Optional.empty() : tx.cut(store);
    if (own.isPresent()) {
      return own.get();
    }
    return StatementReads.cut(store).orElseGet(() ->
        CUTS.computeIfAbsent(root, r -> Collections.synchronizedMap(new java.util.IdentityHashMap<>()))
            .computeIfAbsent(store, s -> new ReadCut()));
  }

  /** The latest version of {@code table} as the execution of {@code root} reads it. */
  public static TableVersion version(DataContext root, FloeStore store, String table) {
    return version(root, store, table, ReadPoint.LATEST);
  }

  /**
   * The version of {@code table} at {@code point} that the execution of {@code root} reads.
   *
   * @throws dev.floe.storage.commit.FloeException as {@link ReadPoint#resolve} does
   */
  public static TableVersion version(DataContext root, FloeStore store, String table, ReadPoint point) {
    Map<Key, TableVersion> pins = PINS.computeIfAbsent(root, r -> new HashMap<>());
    synchronized (pins) {
      return pins.computeIfAbsent(new Key(table, point), k -> point.kind() == ReadPoint.Kind.LATEST
          ? cut(root, store).latest(table, () -> store.latest(table)) : point.resolve(store.table(table)));
    }
  }
}
