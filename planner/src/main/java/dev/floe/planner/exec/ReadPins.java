package dev.floe.planner.exec;

import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.TableVersion;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.DataContext;

/**
 * The table versions one execution of a statement reads: the first scan of a table in an
 * execution pins its latest version, and every other scan of that table in the same execution
 * (a self-join, a subquery) reads the same one. Executions are told apart by their {@link
 * DataContext}, which Calcite creates anew for each; entries go when it is collected.
 */
public final class ReadPins {
  private static final Map<DataContext, Map<String, TableVersion>> PINS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private ReadPins() {}

  /** The version of {@code table} that the execution of {@code root} reads. */
  public static TableVersion version(DataContext root, FloeStore store, String table) {
    Map<String, TableVersion> pins = PINS.computeIfAbsent(root, r -> new HashMap<>());
    synchronized (pins) {
      return pins.computeIfAbsent(table, t -> store.table(t).latest());
    }
  }
}
