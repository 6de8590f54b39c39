package dev.floe.planner;

import dev.floe.storage.table.FloeStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records, on the planning thread, what a statement's plan was made from (each Floe table's
 * schema, each stored view's SQL) as checks that tell whether a cached copy of the plan still fits
 * a store, and whether the plan may be cached at all (not when it reads outside data whose shape
 * planning fixed, such as a CSV file, or calls a table function). Recording is off unless {@link
 * #start()} was called on the thread.
 *
 * <p>A check holds no connection: it is asked of whichever connection's store is about to run the
 * plan, so one plan serves every connection of the JVM over the same store ({@link PlanCache}).
 */
public final class PlanRecorder {
  private static final ThreadLocal<State> CURRENT = new ThreadLocal<>();

  private PlanRecorder() {}

  /** A condition under which a plan is still what planning would make now. */
  @FunctionalInterface
  public interface Check {
    /**
     * Whether the condition holds in {@code store}; a store error means "cannot tell" (the caller
     * plans again, and planning reports the problem).
     */
    boolean holds(FloeStore store);
  }

  /** What one planning recorded: the checks, and whether the plan may be reused at all. */
  public record Recording(List<Check> checks, boolean cacheable) {
    public Recording {
      checks = List.copyOf(checks);
    }

    /** Whether every check holds in {@code store}; false when one cannot be answered. */
    public boolean holds(FloeStore store) {
      for (Check c : checks) {
        try {
          if (!c.holds(store)) {
            return false;
          }
        } catch (RuntimeException e) {
          return false;
        }
      }
      return true;
    }
  }

  private static final class State {
    final Map<Object, Check> checks = new HashMap<>();
    boolean cacheable = true;
  }

  /**
   * Starts recording on this thread, unless a recording is under way (planning a statement may
   * plan another inside it; the outer recording takes both).
   *
   * @return whether this call started the recording (and its caller must {@link #stop()} it)
   */
  public static boolean start() {
    if (CURRENT.get() != null) {
      return false;
    }
    CURRENT.set(new State());
    return true;
  }

  /** Stops recording and returns what was recorded since {@link #start()} (nothing, and not cacheable, if not started). */
  public static Recording stop() {
    State s = CURRENT.get();
    CURRENT.remove();
    return s == null ? new Recording(List.of(), false) : new Recording(new ArrayList<>(s.checks.values()), s.cacheable);
  }

  /** Records {@code check} under {@code key} (once per key) if recording. */
  static void touched(Object key, Check check) {
    State s = CURRENT.get();
    if (s != null) {
      s.checks.putIfAbsent(key, check);
    }
  }

  /** Marks the plan being recorded as one that must not be reused. */
  public static void uncacheable() {
    State s = CURRENT.get();
    if (s != null) {
      s.cacheable = false;
    }
  }
}
