package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.FaultInjectingStore.Fault;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.SimulatedCrash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import dev.floe.storage.segment.Predicate;
import org.apache.arrow.vector.VectorSchemaRoot;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash at every store call of each operation (before it and after it, N = 1..all calls): after
 * the crash a fresh client reads exactly the old or the new state, never a mix, and the orphan
 * finder reports exactly what the crashed statement left behind.
 */
class CrashConsistencyTest {

  /** What a reader sees of table t: absent, or its segments' labels, columns and row count. */
  record State(boolean exists, List<String> labels, List<String> columns, long rows) {
    static State of(FloeStore f) {
      Optional<Table> t = f.find("t");
      if (t.isEmpty()) {
        return new State(false, List.of(), List.of(), 0);
      }
      TableVersion v = t.get().latest();
      List<String> content = v.schema().equals(Rows.SCHEMA)
          ? Rows.read(v, null, Predicate.TRUE).stream().map(String::valueOf).toList()
          : Opaque.labels(v);
      return new State(true, content, v.schema().columns().stream().map(Column::name).toList(), v.rowCount());
    }
  }

  enum Op {
    CREATE_AS(f -> f.create("t", CatalogTest.SCHEMA, List.of(), (t, st) -> List.of(Opaque.write(t, st, "ctas", 4)))),
    APPEND(f -> Opaque.append(f.table("t"), "new", 3)),
    DELETE(f -> Opaque.rewrite(f.table("t"), f.table("t").latest(), Set.of("a"), null, 0)),
    UPDATE(f -> Opaque.rewrite(f.table("t"), f.table("t").latest(), Set.of("a"), "a2", 2)),
    OVERWRITE(f -> Opaque.rewrite(f.table("t"), f.table("t").latest(), Set.of("a", "b"), "all", 9)),
    ADD_COLUMN(f -> f.table("t").addColumn("extra", ColumnType.of(ColumnType.Kind.DOUBLE), true)),
    STAGED_COMMIT(f -> {
      Table t = f.table("t");
      byte[] bytes = "staged".getBytes();
      String key = TableLayout.newStaged(-1);
      t.env().store().put(t.layout().abs(key), bytes);
      t.commitStaged(List.of(new SegmentEntry(key, 5, bytes.length, bytes)));
    }),
    DROP(f -> f.drop("t")),
    ROWS_CREATE_AS(f -> {
      try (VectorSchemaRoot b = Rows.batch(f.allocator(), 0, 30)) {
        f.createAs("t", Rows.SCHEMA, b);
      }
    }),
    ROWS_APPEND(f -> {
      try (VectorSchemaRoot b = Rows.batch(f.allocator(), 100, 130)) {
        f.table("t").append(b);
      }
    }),
    ROWS_DELETE(f -> f.table("t").delete(new Predicate.Compare(1, Predicate.Op.EQ, 3L))),
    ROWS_DELETE_ALL(f -> f.table("t").delete(Predicate.TRUE)), // TRUNCATE: segments dropped unread
    ROWS_UPDATE(f -> f.table("t").update(new Predicate.Between(0, 5L, 15L), Map.of("name", "u"))),
    ROWS_TRANSACTION(f -> {
      Table t = f.table("t");
      PendingChanges pc = new PendingChanges(t);
      try (VectorSchemaRoot b = Rows.batch(f.allocator(), 100, 104)) {
        pc.addStaged(t.stage(b));
      }
      pc.rewrite(t.latest(), new Predicate.Compare(1, Predicate.Op.EQ, 3L), null, null, null);
      pc.rewrite(t.latest(), new Predicate.Between(0, 5L, 15L), null, List.of("name"), (rows, row) -> new Object[] {"u"});
      pc.commit();
    }),
    ROWS_OVERWRITE(f -> {
      try (VectorSchemaRoot b = Rows.batch(f.allocator(), 500, 505)) {
        f.table("t").overwrite(b);
      }
    });

    final Consumer<FloeStore> action;

    Op(Consumer<FloeStore> action) {
      this.action = action;
    }

    void setup(FloeStore f) {
      if (name().startsWith("ROWS_")) {
        if (this != ROWS_CREATE_AS) {
          Table t = f.create("t", Rows.SCHEMA);
          for (int s = 0; s < 3; s++) {
            try (VectorSchemaRoot b = Rows.batch(f.allocator(), s * 10, s * 10 + 10)) {
              t.append(b);
            }
          }
        }
        return;
      }
      if (this != CREATE_AS) {
        Table t = f.create("t", CatalogTest.SCHEMA);
        Opaque.append(t, "a", 2);
        Opaque.append(t, "b", 1);
      }
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Op op : Op.values()) {
      out.add(Arguments.of(op, "mem"));
      out.add(Arguments.of(op, "file"));
    }
    // on s3proxy, a representative subset (each case restarts the operation once per store call)
    for (Op op : List.of(Op.CREATE_AS, Op.ROWS_APPEND, Op.ROWS_UPDATE, Op.ROWS_TRANSACTION, Op.DROP)) {
      out.add(Arguments.of(op, "s3proxy"));
    }
    return out.stream();
  }

  private static Backend backend(String kind) {
    return switch (kind) {
      case "mem" -> Backend.memory();
      case "file" -> Backend.folder();
      default -> Backend.s3proxy();
    };
  }

  private static Set<String> keys(ObjectStore s) {
    try (Stream<ObjectInfo> l = s.list("", null)) {
      return new HashSet<>(l.map(ObjectInfo::key).toList());
    }
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void crashAtEveryCallLeavesTheOldOrTheNewVersion(Op op, String kind) {
    State oldState;
    State newState;
    int calls;
    try (Backend ref = backend(kind); FloeStore f0 = ref.floe()) {
      op.setup(f0);
      oldState = State.of(f0);
      FaultInjectingStore counting = new FaultInjectingStore(ref.open());
      try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
        int before = counting.calls(null);
        op.action.accept(f);
        calls = counting.calls(null) - before;
      }
      newState = State.of(ref.floe());
    }
    assertTrue(!oldState.equals(newState), "the operation changes something");
    int sawOld = 0;
    int sawNew = 0;
    for (Fault fault : List.of(Fault.CRASH, Fault.CRASH_AFTER)) {
      for (int n = 1; n <= calls; n++) {
        try (Backend b = backend(kind)) {
          try (FloeStore f0 = b.floe()) {
            op.setup(f0);
            // as in the counting run: this client's read fills the JVM's chunk cache, so the
            // operation makes the same calls (a rewrite takes cached chunks instead of GETs)
            State.of(f0);
          }
          Set<String> before;
          try (ObjectStore raw = b.open()) {
            before = keys(raw);
          }
          FaultInjectingStore faulty = new FaultInjectingStore(b.open());
          try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
            faulty.inject(null, faulty.calls(null) + n, fault);
            op.action.accept(f);
            fail(op + ": no crash at call " + n + " of " + calls);
          } catch (SimulatedCrash expected) {
            // the process died here
          }
          try (FloeStore after = b.floe()) {
            State s = State.of(after);
            String where = op + " " + fault + " at call " + n + "/" + calls + ": " + s;
            boolean isOld = s.equals(oldState);
            boolean isNew = s.equals(newState);
            if ((op == Op.CREATE_AS || op == Op.ROWS_CREATE_AS) && isOld) {
              // what the crashed creator left is an unpublished root (or nothing)
              List<TableRoot> roots = after.roots();
              assertTrue(roots.stream().allMatch(r -> r.status() == TableRoot.Status.UNPUBLISHED), where + roots);
              // a log/0 without its op is rolled forward by the next creator
              try {
                after.create("t", CatalogTest.SCHEMA);
              } catch (FloeException e) {
                assertEquals(ErrorCode.TABLE_EXISTS, e.code(), where);
                assertEquals(newState, State.of(after), where);
              }
              sawOld++;
              continue;
            }
            assertTrue(isOld || isNew, where + " is neither " + oldState + " nor " + newState);
            if (s.exists()) {
              Set<String> created;
              try (ObjectStore raw = b.open()) {
                created = keys(raw);
              }
              created.removeAll(before);
              OrphanReport orphans = after.orphans("t");
              Set<String> expected = new HashSet<>();
              if (isOld) {
                for (String k : created) {
                  if (!k.contains("/log/") && k.startsWith("tables/")) {
                    expected.add(k);
                  }
                }
              }
              assertEquals(expected, new HashSet<>(orphans.keys()), where + ": orphans");
            }
            if (isOld) {
              sawOld++;
            } else {
              sawNew++;
            }
          }
        }
      }
    }
    assertTrue(sawOld > 0 && sawNew > 0, op + ": both outcomes occur (" + sawOld + " old, " + sawNew + " new)");
  }
}
