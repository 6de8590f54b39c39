package dev.floe.storage.sim;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.sim.Model.Effect;
import dev.floe.storage.sim.Model.TableState;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.MultiTableCommit;
import dev.floe.storage.table.PendingChanges;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableVersion;
import dev.floe.storage.table.VacuumOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Draws one operation for a client from the state at the start of a round: what it does through
 * the storage API ({@link Op#action}) and what it does to the model ({@link Op#effect}). Row ids
 * are never reused, and a range an operation deletes or updates covers only ids that existed at
 * the start of the round, so operations of one round that both land commute.
 */
final class Workload {
  static final List<String> NAMES = List.of("t0", "t1", "t2");
  static final Schema SCHEMA = Schema.of(
      new Column(0, "id", ColumnType.of(ColumnType.Kind.BIGINT), false),
      new Column(1, "val", ColumnType.of(ColumnType.Kind.BIGINT), true));

  /** One client's operation of a round. */
  record Op(String text, Effect effect, Consumer<FloeStore> action, String createdName, boolean expires) {}

  private final Random rng;
  private final Duration grace;
  private long nextId = 1;
  private int nextColumn = 2;
  private int nextSnapshot;
  final List<String> snapshots = new ArrayList<>();
  /** Tables an operation of this round targets, and those an OVERWRITE of this round has to itself. */
  private final java.util.Set<String> touched = new java.util.HashSet<>();
  private final java.util.Set<String> alone = new java.util.HashSet<>();

  Workload(Random rng, Duration grace) {
    this.rng = rng;
    this.grace = grace;
  }

  Op next(TreeMap<String, TableState> db) {
    List<String> live = NAMES.stream().filter(db::containsKey).toList();
    List<String> absent = NAMES.stream().filter(n -> !db.containsKey(n)).toList();
    int pick = rng.nextInt(100);
    if (live.isEmpty() || (pick < 8 && !absent.isEmpty())) {
      return create(absent.get(rng.nextInt(absent.size())));
    }
    String t = live.get(rng.nextInt(live.size()));
    if (alone.contains(t)) {
      return new Op("FOLD catalog", Model.none(), FloeStore::foldCatalog, null, false);
    }
    boolean fresh = touched.add(t);
    TableState s = db.get(t);
    if (pick < 32) {
      return append(t);
    }
    if (pick < 40) {
      return rewrite(t, s, false);
    }
    if (pick < 48) {
      return rewrite(t, s, true);
    }
    if (pick < 58) {
      return transaction(t, s);
    }
    if (pick < 68 && live.size() > 1) {
      String u = live.get(rng.nextInt(live.size()));
      if (!u.equals(t) && !alone.contains(u)) {
        touched.add(u);
        return multi(t, s, u, db.get(u));
      }
    }
    if (pick < 71) {
      String c = "c" + nextColumn++;
      return new Op("ADD COLUMN " + t + "." + c, Model.addColumn(t, c),
          f -> f.table(t).addColumn(c, ColumnType.of(ColumnType.Kind.BIGINT), true), null, false);
    }
    if (pick < 76) {
      int target = 8 + rng.nextInt(40);
      return new Op("COMPACT " + t + " " + target, Model.touch(t), f -> f.table(t).compact(target), null, false);
    }
    if (pick < 84) {
      int retain = rng.nextInt(4);
      Duration g = grace;
      return new Op("VACUUM " + t + " retain " + retain, Model.touch(t),
          f -> f.vacuum(t, new VacuumOptions(g, retain, null, false)), null, retain > 0);
    }
    if (pick < 86) {
      Duration g = grace;
      return new Op("VACUUM dropped", Model.none(), f -> f.vacuumDropped(new VacuumOptions(g, 0, null, false)),
          null, false);
    }
    if (pick < 91) {
      String name = "s" + nextSnapshot++;
      snapshots.add(name);
      return new Op("SNAPSHOT " + name, Model.none(), f -> f.createSnapshot(name), null, false);
    }
    if (pick < 93 && !snapshots.isEmpty()) {
      String name = snapshots.remove(rng.nextInt(snapshots.size()));
      return new Op("DROP SNAPSHOT " + name, Model.none(), f -> f.dropSnapshot(name), null, false);
    }
    if (pick < 95) {
      Duration g = grace;
      return new Op("FOLD+PRUNE catalog", Model.none(), f -> {
        f.foldCatalog();
        f.pruneCatalog(g);
      }, null, false);
    }
    if (pick < 97) {
      return new Op("DROP " + t, Model.drop(t), f -> f.drop(t), null, false);
    }
    return fresh ? overwrite(t) : append(t);
  }

  /**
   * Starts a round. An OVERWRITE replaces the rows of the version it reads, so rows another
   * operation adds in the same round survive or not depending on when it read: it runs alone on its
   * table in its round, and then the model knows exactly what it replaces.
   */
  void beginRound() {
    touched.clear();
    alone.clear();
  }

  private Op create(String name) {
    Map<Long, Long> rows = rng.nextBoolean() ? Map.of() : rows(1 + rng.nextInt(20));
    Consumer<FloeStore> action = rows.isEmpty() ? f -> f.create(name, SCHEMA) : f -> {
      try (VectorSchemaRoot b = batch(f, SCHEMA, rows)) {
        f.createAs(name, SCHEMA, b);
      }
    };
    return new Op((rows.isEmpty() ? "CREATE " : "CREATE AS ") + name + " " + rows, Model.create(name, rows), action,
        name, false);
  }

  private Op append(String t) {
    Map<Long, Long> rows = rows(1 + rng.nextInt(rng.nextBoolean() ? 5 : 40));
    return new Op("APPEND " + t + " " + rows.keySet(), Model.rows(t, rows, List.of(), List.of(), null), f -> {
      Table table = f.table(t);
      try (VectorSchemaRoot b = batch(f, table.latest().schema(), rows)) {
        table.append(b);
      }
    }, null, false);
  }

  /** OVERWRITE: every row of the version it reads is replaced (rows appended after that read survive). */
  private Op overwrite(String t) {
    alone.add(t);
    Map<Long, Long> rows = rows(rng.nextInt(10));
    return new Op("OVERWRITE " + t + " " + rows.keySet(),
        Model.rows(t, rows, List.<long[]>of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}), List.of(), null), f -> {
          Table table = f.table(t);
          try (VectorSchemaRoot b = batch(f, table.latest().schema(), rows)) {
            table.overwrite(b);
          }
        }, null, false);
  }

  /** Copy-on-write DELETE or UPDATE of an id range (Table.delete / Table.update). */
  private Op rewrite(String t, TableState s, boolean update) {
    long[] r = range(s);
    Long val = value();
    Predicate where = new Predicate.Between(0, r[0], r[1]);
    if (update) {
      Map<String, Object> set = new java.util.HashMap<>();
      set.put("val", val);
      return new Op("UPDATE " + t + " SET val=" + val + " WHERE id BETWEEN " + r[0] + " AND " + r[1],
          Model.rows(t, Map.of(), List.of(), List.of(r), val), f -> f.table(t).update(where, set), null, false);
    }
    return new Op("DELETE " + t + " WHERE id BETWEEN " + r[0] + " AND " + r[1],
        Model.rows(t, Map.of(), List.of(r), List.of(), null), f -> f.table(t).delete(where), null, false);
  }

  /** A transaction on one table: inserts, a row-level delete and a row-level update (deletion vectors). */
  private Op transaction(String t, TableState s) {
    Part p = part(t, s);
    return new Op("TX " + p.text, p.effect, f -> {
      PendingChanges pc = new PendingChanges(f.table(t));
      p.apply(f, pc);
      pc.commit();
    }, null, false);
  }

  private Op multi(String t, TableState s, String u, TableState su) {
    Part p = part(t, s);
    Part q = part(u, su);
    return new Op("MULTI-TX " + p.text + " | " + q.text, Model.all(List.of(p.effect, q.effect)), f -> {
      PendingChanges a = new PendingChanges(f.table(t));
      PendingChanges b = new PendingChanges(f.table(u));
      p.apply(f, a);
      q.apply(f, b);
      MultiTableCommit.commit(List.of(a, b));
    }, null, false);
  }

  /** One table's changes inside a transaction. */
  private record Part(String text, Effect effect, Map<Long, Long> inserted, long[] deleted, long[] updated, Long val) {
    void apply(FloeStore f, PendingChanges pc) {
      Table table = pc.table();
      TableVersion base = table.latest();
      if (!inserted.isEmpty()) {
        try (VectorSchemaRoot b = batch(f, base.schema(), inserted)) {
          pc.addStaged(table.stage(b));
        }
      }
      if (deleted != null) {
        pc.rewrite(base, new Predicate.Between(0, deleted[0], deleted[1]), null, null, null);
      }
      if (updated != null) {
        pc.rewrite(base, new Predicate.Between(0, updated[0], updated[1]), null, List.of("val"),
            (rows, row) -> new Object[] {val});
      }
    }
  }

  private Part part(String t, TableState s) {
    Map<Long, Long> ins = rng.nextBoolean() ? rows(1 + rng.nextInt(6)) : Map.of();
    long[] del = rng.nextBoolean() ? range(s) : null;
    long[] upd = rng.nextBoolean() ? range(s) : null;
    if (del != null && upd != null && upd[0] <= del[1] && del[0] <= upd[1]) {
      upd = null; // a row deleted and updated by one transaction: keep the model simple
    }
    Long val = value();
    String text = t + " +" + ins.keySet() + (del == null ? "" : " -[" + del[0] + "," + del[1] + "]")
        + (upd == null ? "" : " val=" + val + " in [" + upd[0] + "," + upd[1] + "]");
    Effect e = Model.rows(t, ins, del == null ? List.of() : List.<long[]>of(del),
        upd == null ? List.of() : List.<long[]>of(upd), val);
    return new Part(text, e, ins, del, upd, val);
  }

  /** A few ids around an existing row (or nothing that exists). */
  private long[] range(TableState s) {
    List<Long> ids = new ArrayList<>(s.rows().keySet());
    if (ids.isEmpty()) {
      return new long[] {0, 0};
    }
    int i = rng.nextInt(ids.size());
    int j = Math.min(ids.size() - 1, i + rng.nextInt(4));
    return new long[] {ids.get(i), ids.get(j)};
  }

  private Long value() {
    return rng.nextInt(8) == 0 ? null : (long) rng.nextInt(1000);
  }

  private Map<Long, Long> rows(int n) {
    Map<Long, Long> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      out.put(nextId++, value());
    }
    return out;
  }

  /** A batch of {@code rows} for {@code schema}: id, val, and NULL in every added column. */
  static VectorSchemaRoot batch(FloeStore f, Schema schema, Map<Long, Long> rows) {
    VectorSchemaRoot root = ArrowTypes.createRoot(schema, f.allocator());
    root.allocateNew();
    int i = 0;
    for (Map.Entry<Long, Long> e : rows.entrySet()) {
      ((BigIntVector) root.getVector(0)).setSafe(i, e.getKey());
      if (e.getValue() == null) {
        ((BigIntVector) root.getVector(1)).setNull(i);
      } else {
        ((BigIntVector) root.getVector(1)).setSafe(i, e.getValue());
      }
      for (int c = 2; c < schema.size(); c++) {
        ((BigIntVector) root.getVector(c)).setNull(i);
      }
      i++;
    }
    for (FieldVector v : root.getFieldVectors()) {
      v.setValueCount(rows.size());
    }
    root.setRowCount(rows.size());
    return root;
  }
}
