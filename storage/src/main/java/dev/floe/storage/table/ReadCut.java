package dev.floe.storage.table;

import dev.floe.storage.commit.CommitConflictException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The versions one reader (a statement, or a REPEATABLE READ transaction) reads of each table, chosen
 * table by table as it first reads them so that together they are read-atomic (RFC 0005): whenever
 * a chosen version includes a multi-table transaction, every chosen version of its other tables
 * includes it too. A table read later never moves an earlier choice: its own version is lowered,
 * past the newest commits if need be, until it requires nothing newer than what was chosen before.
 * Costs nothing for tables no multi-table transaction touched. Thread-safe.
 */
public final class ReadCut {
  private final Map<String, TableVersion> byKey = new LinkedHashMap<>();
  private final Map<String, TableVersion> byRoot = new LinkedHashMap<>();

  /**
   * The version of a table this reader reads at its latest: the one chosen before under {@code key},
   * else {@code latest}'s (the table's latest version, read now), lowered as far as the versions
   * chosen before demand.
   *
   * @throws CommitConflictException (40001, retryable) in the case the protocol rules out, where no
   *     version of the table fits the versions chosen before
   */
  public synchronized TableVersion latest(String key, Supplier<TableVersion> latest) {
    TableVersion kept = byKey.get(key);
    if (kept != null) {
      return kept;
    }
    TableVersion v = latest.get();
    String root = v.table().root();
    TableVersion same = byRoot.get(root);
    if (same != null) {
      byKey.put(key, same);
      return same;
    }
    long lowest = -1;
    for (TableVersion chosen : byRoot.values()) {
      lowest = Math.max(lowest, chosen.requires().getOrDefault(root, -1L));
    }
    while (tooNew(v)) {
      if (v.version() <= lowest || v.version() == 0) {
        throw new CommitConflictException(true, "table '" + v.table().name() + "' has no version that fits the"
            + " versions this statement read of its other tables (" + byRoot.values() + "); run it again");
      }
      v = v.table().counted(v.version() - 1);
    }
    if (v.version() < lowest) {
      v = v.table().counted(lowest);
    }
    byKey.put(key, v);
    byRoot.put(root, v);
    return v;
  }

  /** Whether {@code v} requires a newer version of a table than the one chosen for it. */
  private boolean tooNew(TableVersion v) {
    Map<String, Long> requires = v.requires();
    if (requires.isEmpty()) {
      return false;
    }
    for (TableVersion chosen : byRoot.values()) {
      Long needed = requires.get(chosen.table().root());
      if (needed != null && needed > chosen.version()) {
        return true;
      }
    }
    return false;
  }
}
