package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.ColumnType;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.Predicate.Op;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store handle of a read-only client: every storage call that would write fails with
 * READ_ONLY before one PUT, create or DELETE reaches the store, whatever layer asked; reads work;
 * the same handle writes again once made writable.
 */
class ReadOnlyStoreTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void everyWriteOfAReadOnlyHandleFailsBeforeReachingTheStore(Backend b) {
    try (b) {
      try (FloeStore w = b.floe()) {
        Table t = w.create("t", Rows.SCHEMA);
        append(t, w, 0, 10);
        append(t, w, 10, 20);
        w.createSnapshot("s1");
        w.create("gone", Rows.SCHEMA);
        w.drop("gone");
      }
      ObjectStore raw = b.open();
      CountingStore counting = new CountingStore(raw);
      try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults(), true)) {
        assertTrue(f.isReadOnly());
        Map<String, String> before = objects(raw);
        Table t = f.table("t");
        List<Consumer<FloeStore>> writes = List.of(
            s -> append(s.table("t"), s, 20, 21),
            s -> s.table("t").delete(new Predicate.Compare(0, Op.EQ, 3L)),
            s -> s.table("t").update(new Predicate.Compare(0, Op.EQ, 4L), Map.of("name", "u")),
            s -> s.table("t").addColumn("extra", ColumnType.of(ColumnType.Kind.BIGINT), true),
            s -> s.table("t").compact(1000),
            s -> s.create("u", Rows.SCHEMA),
            s -> s.drop("t"),
            s -> s.createSnapshot("s2"),
            s -> s.dropSnapshot("s1"),
            s -> s.vacuum("t", new VacuumOptions(Duration.ZERO, 1, null, false)),
            s -> s.vacuumDropped(new VacuumOptions(Duration.ZERO, 0, null, false)));
        CountingStore.Counts start = counting.counts();
        for (int i = 0; i < writes.size(); i++) {
          int n = i;
          FloeException e = assertThrows(FloeException.class, () -> writes.get(n).accept(f), "write " + n);
          assertEquals(ErrorCode.READ_ONLY, e.code(), "write " + n + ": " + e.getMessage());
        }
        CountingStore.Counts used = counting.counts().minus(start);
        for (StoreOp op : List.of(StoreOp.PUT, StoreOp.PUT_IF_ABSENT, StoreOp.DELETE)) {
          assertEquals(0, used.requests(op), op + ": " + used);
        }
        assertEquals(before, objects(raw), "nothing in the store changed");
        assertEquals(Rows.range(0, 20), Rows.ids(t.latest()).stream().sorted().toList(), "reads work");
        assertEquals(Rows.range(0, 10), Rows.ids(t.version(1)).stream().sorted().toList(), "and time travel");

        f.setReadOnly(false);
        assertFalse(f.isReadOnly());
        append(f.table("t"), f, 20, 21);
        assertEquals(21, f.table("t").latest().rowCount());
      } finally {
        raw.close();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aReadOnlyHandleOnAnEmptyRootCreatesNoMarker(Backend b) {
    try (b) {
      ObjectStore raw = b.open();
      try (FloeStore f = FloeStore.open(raw, FloeOptions.defaults(), true)) {
        assertTrue(f.tables().isEmpty());
        assertEquals(Map.of(), objects(raw), "not even floe.json");
      } finally {
        raw.close();
      }
    }
  }

  private static void append(Table t, FloeStore f, long from, long to) {
    try (VectorSchemaRoot batch = Rows.batch(f.allocator(), from, to)) {
      t.append(batch);
    }
  }

  private static Map<String, String> objects(ObjectStore raw) {
    try (Stream<ObjectInfo> all = raw.list("", null)) {
      return all.collect(Collectors.toMap(ObjectInfo::key, i -> i.size() + "@" + i.lastModified(), (x, y) -> x,
          TreeMap::new));
    }
  }
}
