package dev.floe.spark;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.table.FloeOptions;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Table;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link FloeStore} per root per JVM (driver and executors alike), opened on first use and kept
 * for the JVM's life: its caches (immutable objects, decoded chunks) then serve every task of every
 * query. Thread-safe.
 */
final class Stores {
  private static final Map<StoreSpec, FloeStore> OPEN = new ConcurrentHashMap<>();
  /** Tables resolved on this JVM, by root and table root. */
  private static final Map<String, Table> TABLES = new ConcurrentHashMap<>();

  private Stores() {}

  /** The client of the root {@code spec} names, opened now if this JVM has none. */
  static FloeStore open(StoreSpec spec) {
    return OPEN.computeIfAbsent(spec, s -> FloeStore.open(s.location(), s.config(), FloeOptions.defaults()));
  }

  /**
   * The table {@code name} whose root is {@code root}: the table a query was planned on, resolved
   * once per JVM.
   *
   * @throws FloeException {@link ErrorCode#TABLE_NOT_FOUND} if the table was dropped since
   */
  static Table table(StoreSpec spec, String name, String root) {
    return TABLES.computeIfAbsent(spec + "\n" + root, k -> {
      Table t = open(spec).find(name).orElse(null);
      if (t == null || !t.root().equals(root)) {
        throw new FloeException(ErrorCode.TABLE_NOT_FOUND, null, "table '" + name + "' was dropped after the"
            + " Spark job was planned" + (t == null ? "" : " (the table of that name now is another one)")
            + "; run the query again", null);
      }
      return t;
    });
  }

  /**
   * Makes {@code spec} open {@code store} in this JVM (tests: a counting or fault-injecting store).
   * The caller keeps ownership of {@code store}.
   */
  static void use(StoreSpec spec, ObjectStore store) {
    TABLES.keySet().removeIf(k -> k.startsWith(spec + "\n"));
    FloeStore previous = OPEN.put(spec, FloeStore.open(store, FloeOptions.defaults()));
    if (previous != null) {
      previous.close();
    }
  }
}
