package dev.floe.planner;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records, on the planning thread, the Floe tables whose row types a statement's planning read, so
 * a cached plan can later be checked against the tables' current schemas ({@link
 * FloeTable#planStillValid()}). Recording is off unless {@link #start()} was called on the thread.
 */
public final class PlanRecorder {
  private static final ThreadLocal<Map<FloeTable, Boolean>> TABLES = new ThreadLocal<>();

  private PlanRecorder() {}

  /** Starts recording on this thread (discarding an unfinished recording). */
  public static void start() {
    TABLES.set(new IdentityHashMap<>());
  }

  /** Stops recording and returns the tables recorded since {@link #start()} (empty if not started). */
  public static List<FloeTable> stop() {
    Map<FloeTable, Boolean> m = TABLES.get();
    TABLES.remove();
    return m == null ? List.of() : new ArrayList<>(m.keySet());
  }

  static void touched(FloeTable table) {
    Map<FloeTable, Boolean> m = TABLES.get();
    if (m != null) {
      m.put(table, Boolean.TRUE);
    }
  }
}
