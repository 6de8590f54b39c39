package org.apache.calcite.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One connection's plans of plain-{@code Statement} queries, by SQL text and row limit, so a query
 * run again skips parsing, planning and code generation, as a re-executed PreparedStatement does.
 * A plan is reused only while every Floe table it was planned with has the same schema ({@link
 * dev.floe.planner.FloeTable#planStillValid()}) and every stored view it read has the same SQL;
 * which version is read is decided at execution, as for any plan.
 * Only SELECT queries without table functions are kept (functions such as {@code read_csv} infer
 * their row type from outside data when planned). Least recently used plans go first.
 */
final class FloePlanCache {
  private static final int CAPACITY = 128;

  /** A plan and the checks that it still fits the store ({@link dev.floe.planner.PlanRecorder}). */
  record Entry(CalcitePrepare.CalciteSignature<Object> signature, List<java.util.function.BooleanSupplier> checks) {
    boolean valid() {
      for (java.util.function.BooleanSupplier c : checks) {
        try {
          if (!c.getAsBoolean()) {
            return false;
          }
        } catch (RuntimeException e) {
          return false; // cannot tell: plan again, and let planning report the problem
        }
      }
      return true;
    }
  }

  private final Map<String, Entry> plans = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > CAPACITY;
    }
  };

  /** Whether plans of {@code sql} may be kept at all. */
  static boolean cacheable(String sql) {
    String s = sql.strip().toUpperCase(Locale.ROOT);
    return (s.startsWith("SELECT") || s.startsWith("WITH") || s.startsWith("VALUES"))
        && !s.replaceAll("\\s+", "").contains("TABLE(");
  }

  private static String key(String sql, long maxRowCount) {
    return maxRowCount + "\u0000" + sql;
  }

  private long hits;

  /** A valid plan for the query, or null (an invalid one is dropped). */
  synchronized Entry get(String sql, long maxRowCount) {
    String k = key(sql, maxRowCount);
    Entry e = plans.get(k);
    if (e != null && !e.valid()) {
      plans.remove(k);
      return null;
    }
    if (e != null) {
      hits++;
    }
    return e;
  }

  /** Executions that reused a plan. */
  synchronized long hits() {
    return hits;
  }

  synchronized void put(String sql, long maxRowCount, Entry e) {
    plans.put(key(sql, maxRowCount), e);
  }

  /** Drops every plan (after DDL on this connection, say). */
  synchronized void clear() {
    plans.clear();
  }
}
