package dev.floe.planner;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Records, on the planning thread, what a statement's plan was made from (each Floe table's
 * schema, each stored view's SQL) as checks that tell whether a cached copy of the plan still
 * fits the store ({@link FloeTable#planStillValid()}). Recording is off unless {@link #start()} was
 * called on the thread.
 */
public final class PlanRecorder {
  private static final ThreadLocal<Map<Object, BooleanSupplier>> CHECKS = new ThreadLocal<>();

  private PlanRecorder() {}

  /** Starts recording on this thread (discarding an unfinished recording). */
  public static void start() {
    CHECKS.set(new IdentityHashMap<>());
  }

  /**
   * Stops recording and returns the checks recorded since {@link #start()} (empty if not
   * started): all of them true means the plan is still what planning would make.
   */
  public static List<BooleanSupplier> stop() {
    Map<Object, BooleanSupplier> m = CHECKS.get();
    CHECKS.remove();
    return m == null ? List.of() : new ArrayList<>(m.values());
  }

  /** Records {@code check} for {@code source} (once per source object) if recording. */
  static void touched(Object source, BooleanSupplier check) {
    Map<Object, BooleanSupplier> m = CHECKS.get();
    if (m != null) {
      m.putIfAbsent(source, check);
    }
  }
}
