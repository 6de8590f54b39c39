package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.Hlc;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.Predicate.Op;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7: three writers whose wall clocks disagree by minutes (7 slow, right, 9 fast) take turns
 * at appends, deletes and updates of one table; afterwards every version, and AS OF the commit
 * time of every version and AS OF just before the next one, returns exactly the rows a model
 * computed, and the versions listed carry increasing commit times near the store's clock (the
 * HLC follows the store, never a writer's clock).
 */
class SkewedHistoryTest {
  private static final int STEPS = 30;

  static Stream<Backend> backends() {
    return Backend.all();
  }

  private static FloeOptions skewed(Duration d) {
    return FloeOptions.defaults().withClientClock(Clock.offset(Clock.systemUTC(), d));
  }

  /** The expected rows, "id|name" sorted by id. */
  private static List<String> rows(TreeMap<Long, String> model) {
    List<String> out = new ArrayList<>();
    model.forEach((id, name) -> out.add(id + "|" + name));
    return out;
  }

  private static List<String> rows(TableVersion v) {
    List<String> out = new ArrayList<>();
    for (List<Object> r : Rows.read(v, List.of("id", "name"), Predicate.TRUE)) {
      out.add(r.get(0) + "|" + r.get(1));
    }
    out.sort((a, b) -> Long.compare(Long.parseLong(a.split("\\|")[0]), Long.parseLong(b.split("\\|")[0])));
    return out;
  }

  @ParameterizedTest
  @MethodSource("backends")
  void everyVersionAndAsOfReadTheirRowsWhenWritersClocksDisagreeByMinutes(Backend b) {
    try (b;
        FloeStore slow = b.floe(skewed(Duration.ofMinutes(-7)));
        FloeStore right = b.floe(skewed(Duration.ZERO));
        FloeStore fast = b.floe(skewed(Duration.ofMinutes(9)))) {
      List<FloeStore> writers = List.of(slow, right, fast);
      fast.create("t", Rows.SCHEMA);
      Instant start = Instant.now();
      Map<Long, List<String>> expected = new TreeMap<>();
      TreeMap<Long, String> model = new TreeMap<>();
      expected.put(0L, rows(model));
      Random random = new Random(7);
      long next = 0;
      for (int step = 0; step < STEPS; step++) {
        FloeStore w = writers.get(step % 3);
        Table t = w.table("t");
        int kind = step < 3 ? 0 : random.nextInt(3);
        CommitResult r;
        if (kind == 0) {
          long from = next;
          next += 1 + random.nextInt(5);
          try (VectorSchemaRoot batch = Rows.batch(w.allocator(), from, next)) {
            r = t.append(batch);
          }
          for (long id = from; id < next; id++) {
            model.put(id, "n" + id);
          }
        } else if (kind == 1) {
          long grp = random.nextInt(10);
          r = t.delete(new Predicate.Compare(1, Op.EQ, grp));
          model.keySet().removeIf(id -> id % 10 == grp);
        } else {
          long grp = random.nextInt(10);
          String name = "u" + step;
          r = t.update(new Predicate.Compare(1, Op.EQ, grp), Map.of("name", name));
          model.replaceAll((id, n) -> id % 10 == grp ? name : n);
        }
        if (r != null && r.version() > 0 && !expected.containsKey(r.version())) {
          expected.put(r.version(), rows(model));
        }
      }
      Instant end = Instant.now();

      Table reader = right.table("t");
      List<TableVersion> history = reader.history();
      assertEquals(expected.keySet(), history.stream().map(TableVersion::version).collect(
          java.util.stream.Collectors.toCollection(java.util.TreeSet::new)), "a delete or update matching nothing commits nothing");
      for (int i = 0; i < history.size(); i++) {
        TableVersion v = history.get(i);
        assertEquals(expected.get(v.version()), rows(reader.version(v.version())), "version " + v.version());
        Instant at = v.timestamp();
        assertTrue(!at.isBefore(start.minusSeconds(5)) && !at.isAfter(end.plusSeconds(5)),
            "commit times follow the store's clock, not the writers' (7 min slow, 9 min fast): " + at);
        assertEquals(v.version(), reader.asOf(at).version(), "AS OF the commit time of version " + v.version());
        if (i + 1 < history.size()) {
          TableVersion later = history.get(i + 1);
          assertTrue(later.hlc() > v.hlc(), "HLCs increase along the log");
          Instant justBefore = Hlc.instant(later.hlc() - 1);
          assertEquals(expected.get(v.version()), rows(reader.asOf(justBefore)), "AS OF just before version " + later.version());
        }
      }
      for (FloeStore w : writers) {
        assertEquals(expected.get(history.get(history.size() - 1).version()), rows(w.table("t").latest()),
            "every writer reads the latest rows");
      }
    }
  }
}
