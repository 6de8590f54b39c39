package dev.floe.storage.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The in-memory model: what every table must hold. A table is its column names and its rows (id
 * to val; every added column reads NULL, since the workload never writes one). Operations are pure
 * functions of a database state; an operation that could not have succeeded on a state (an
 * append to a missing table, a second CREATE of a name) gives null.
 */
final class Model {
  private Model() {}

  /** One table's expected content. */
  record TableState(List<String> columns, TreeMap<Long, Long> rows) {
    TableState {
      columns = List.copyOf(columns);
      rows = new TreeMap<>(rows);
    }

    static TableState created(Map<Long, Long> rows) {
      return new TableState(List.of("id", "val"), new TreeMap<>(rows));
    }

    @Override
    public String toString() {
      return columns + " " + rows.size() + " rows " + rows;
    }
  }

  /** A database state: live tables by name (a copy per change; states are small). */
  static TreeMap<String, TableState> copy(Map<String, TableState> db) {
    return new TreeMap<>(db);
  }

  /** What an operation does to the state it lands on, or null if it could not land there. */
  interface Effect extends UnaryOperator<TreeMap<String, TableState>> {}

  static Effect create(String name, Map<Long, Long> rows) {
    return db -> {
      if (db.containsKey(name)) {
        return null;
      }
      TreeMap<String, TableState> out = copy(db);
      out.put(name, TableState.created(rows));
      return out;
    };
  }

  static Effect drop(String name) {
    return db -> {
      if (!db.containsKey(name)) {
        return null;
      }
      TreeMap<String, TableState> out = copy(db);
      out.remove(name);
      return out;
    };
  }

  /** Leaves the data alone, but needs the table to exist (COMPACT, VACUUM). */
  static Effect touch(String name) {
    return db -> db.containsKey(name) ? db : null;
  }

  static Effect none() {
    return db -> db;
  }

  static Effect addColumn(String name, String column) {
    return change(name, t -> {
      if (t.columns().contains(column)) {
        return null;
      }
      List<String> cols = new ArrayList<>(t.columns());
      cols.add(column);
      return new TableState(cols, t.rows());
    });
  }

  /** Inserts {@code inserted}, deletes ids in {@code deleted}, sets val of ids in {@code updated}. */
  static Effect rows(String name, Map<Long, Long> inserted, List<long[]> deleted, List<long[]> updated, Long val) {
    return change(name, t -> {
      TreeMap<Long, Long> rows = new TreeMap<>(t.rows());
      for (long[] r : deleted) {
        rows.subMap(r[0], true, r[1], true).clear();
      }
      for (long[] r : updated) {
        for (Map.Entry<Long, Long> e : rows.subMap(r[0], true, r[1], true).entrySet()) {
          e.setValue(val);
        }
      }
      rows.putAll(inserted);
      return new TableState(t.columns(), rows);
    });
  }

  /** Applies several effects in order (a multi-table transaction is one operation). */
  static Effect all(List<Effect> effects) {
    return db -> {
      TreeMap<String, TableState> s = db;
      for (Effect e : effects) {
        s = e.apply(s);
        if (s == null) {
          return null;
        }
      }
      return s;
    };
  }

  private static Effect change(String name, UnaryOperator<TableState> f) {
    return db -> {
      TableState t = db.get(name);
      if (t == null) {
        return null;
      }
      TableState n = f.apply(t);
      if (n == null) {
        return null;
      }
      TreeMap<String, TableState> out = copy(db);
      out.put(name, n);
      return out;
    };
  }

  /**
   * Whether {@code observed} is what some order of the operations that landed gives from {@code
   * start}: every acknowledged one ({@code must}) and any subset of those whose outcome is unknown
   * ({@code may}), none of the failed ones.
   */
  static boolean explains(TreeMap<String, TableState> start, List<Effect> must, List<Effect> may,
      TreeMap<String, TableState> observed) {
    for (int mask = 0; mask < 1 << may.size(); mask++) {
      List<Effect> landed = new ArrayList<>(must);
      for (int i = 0; i < may.size(); i++) {
        if ((mask & 1 << i) != 0) {
          landed.add(may.get(i));
        }
      }
      if (anyOrder(start, landed, new boolean[landed.size()], 0, observed)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyOrder(TreeMap<String, TableState> s, List<Effect> ops, boolean[] used, int done,
      TreeMap<String, TableState> observed) {
    if (done == ops.size()) {
      return s.equals(observed);
    }
    for (int i = 0; i < ops.size(); i++) {
      if (!used[i]) {
        TreeMap<String, TableState> next = ops.get(i).apply(s);
        if (next != null) {
          used[i] = true;
          boolean ok = anyOrder(next, ops, used, done + 1, observed);
          used[i] = false;
          if (ok) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
