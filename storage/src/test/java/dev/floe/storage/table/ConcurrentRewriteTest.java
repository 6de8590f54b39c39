package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.segment.Predicate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deletes and updates racing appends on real threads: appends are never lost, deleted segments
 * never come back, and a rewrite that loses gets a non-retryable conflict and changes nothing.
 */
class ConcurrentRewriteTest {
  static Stream<Backend> backends() {
    return Backend.local();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void deletesAndUpdatesRacingAppends(Backend b) throws Exception {
    try (b) {
      try (FloeStore f = b.floe(FloeOptions.defaults().withManifestBound(8))) {
        f.create("t", CatalogTest.SCHEMA);
      }
      Set<String> appended = ConcurrentHashMap.newKeySet();
      Set<String> deleted = ConcurrentHashMap.newKeySet();
      Set<String> updatedFrom = ConcurrentHashMap.newKeySet();
      Set<String> updatedTo = ConcurrentHashMap.newKeySet();
      AtomicInteger conflicts = new AtomicInteger();
      AtomicInteger appendersDone = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(5);
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        int ww = w;
        fs.add(pool.submit(() -> {
          try (FloeStore f = b.floe(FloeOptions.defaults().withManifestBound(8))) {
            Table t = f.table("t");
            for (int i = 0; i < 60; i++) {
              Opaque.append(t, "a" + ww + ":" + i, 1);
              appended.add("a" + ww + ":" + i);
            }
          } finally {
            appendersDone.incrementAndGet();
          }
          return null;
        }));
      }
      for (String role : List.of("delete", "update")) {
        fs.add(pool.submit(() -> {
          Random rnd = new Random(role.hashCode());
          try (FloeStore f = b.floe(FloeOptions.defaults().withManifestBound(8))) {
            Table t = f.table("t");
            for (int i = 0; i < 40 || appendersDone.get() < 3; i++) {
              TableVersion read = t.latest();
              List<String> labels = Opaque.labels(read).stream().filter(l -> l.startsWith("a")).toList();
              if (labels.isEmpty()) {
                continue;
              }
              String victim = labels.get(rnd.nextInt(labels.size()));
              try {
                if (role.equals("delete")) {
                  Opaque.rewrite(t, read, Set.of(victim), null, 0);
                  deleted.add(victim);
                } else {
                  Opaque.rewrite(t, read, Set.of(victim), "u" + victim, 1);
                  updatedFrom.add(victim);
                  updatedTo.add("u" + victim);
                }
              } catch (CommitConflictException e) {
                assertFalse(e.retryable(), e.getMessage());
                conflicts.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> fu : fs) {
        fu.get();
      }
      pool.shutdown();
      try (FloeStore f = b.floe()) {
        List<String> labels = Opaque.labels(f.table("t").latest());
        assertEquals(labels.size(), new HashSet<>(labels).size(), "nothing duplicated: " + labels);
        Set<String> expected = new HashSet<>(appended);
        expected.removeAll(deleted);
        expected.removeAll(updatedFrom);
        expected.addAll(updatedTo);
        assertEquals(expected, new HashSet<>(labels), "appends kept, deletes and updates applied once");
        for (String d : deleted) {
          assertFalse(labels.contains(d), "deleted " + d + " resurrected");
        }
        assertTrue(deleted.size() + updatedFrom.size() > 10);
        assertEquals(List.of(), f.orphans("t").keys(), "losers deleted what they wrote");
        System.out.println(b + ": " + deleted.size() + " deletes, " + updatedFrom.size() + " updates, "
            + conflicts.get() + " conflicts");
      }
    }
  }

  /**
   * Two appenders on their own clients, each adding {@code batches} batches ({@link Writes}), then
   * counting themselves done in {@code done}.
   */
  private static List<Future<?>> appenders(ExecutorService pool, Backend b, int batches, AtomicInteger done) {
    List<Future<?>> out = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int worker = w;
      out.add(pool.submit(() -> {
        try (FloeStore f = b.floe()) {
          Table t = f.table("t");
          for (int i = 0; i < batches; i++) {
            Writes.appendBatch(t, f.allocator(), worker, i);
          }
        } finally {
          done.incrementAndGet();
        }
        return null;
      }));
    }
    return out;
  }

  /**
   * TRUNCATE's path (a DELETE of every row, segments dropped unread) racing appends and a second
   * truncater: every appended row is either still there or was counted by exactly one successful
   * delete; none is doubled. A truncate that loses to the other gets a non-retryable conflict.
   */
  @ParameterizedTest
  @MethodSource("backends")
  void deletesOfEveryRowRacingAppends(Backend b) throws Exception {
    try (b) {
      try (FloeStore f = b.floe()) {
        f.create("t", Rows.SCHEMA);
      }
      AtomicInteger appendersDone = new AtomicInteger();
      AtomicLong removed = new AtomicLong();
      AtomicInteger truncates = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> fs = new ArrayList<>();
      fs.addAll(appenders(pool, b, 30, appendersDone));
      for (int d = 0; d < 2; d++) {
        fs.add(pool.submit(() -> {
          try (FloeStore f = b.floe()) {
            Table t = f.table("t");
            for (int i = 0; appendersDone.get() < 2 || i < 2; i++) {
              try {
                long n = t.delete(Predicate.TRUE).rowsRemoved();
                removed.addAndGet(n);
                if (n > 0) {
                  truncates.incrementAndGet();
                }
              } catch (CommitConflictException e) {
                assertFalse(e.retryable());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> fu : fs) {
        fu.get();
      }
      pool.shutdown();
      try (FloeStore f = b.floe()) {
        List<Long> ids = Rows.read(f.table("t").latest(), List.of("id"), Predicate.TRUE).stream()
            .map(r -> (Long) r.get(0)).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no row doubled");
        assertTrue(Writes.expectedIds(2, 30).containsAll(ids), "only appended rows");
        assertEquals(Writes.expectedIds(2, 30).size(), ids.size() + removed.get(),
            "every appended row is still there or was removed by one delete (" + truncates + " deleted rows)");
        assertTrue(truncates.get() > 0, "a delete removed rows");
      }
    }
  }

  /**
   * Real rows: appenders add ids while a deleter removes grp = 2 and an updater renames grp = 1,
   * by predicate. Appended rows are never lost or doubled; rows a delete saw are never back.
   */
  @ParameterizedTest
  @MethodSource("backends")
  void predicateDeletesAndUpdatesRacingAppendsOfRows(Backend b) throws Exception {
    try (b) {
      try (FloeStore f = b.floe()) {
        f.create("t", Rows.SCHEMA);
      }
      Set<Long> mustBeGone = ConcurrentHashMap.newKeySet();
      AtomicInteger appendersDone = new AtomicInteger();
      AtomicInteger conflicts = new AtomicInteger();
      AtomicInteger rewrites = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> fs = new ArrayList<>();
      fs.addAll(appenders(pool, b, 40, appendersDone));
      fs.add(pool.submit(() -> {
        try (FloeStore f = b.floe()) {
          Table t = f.table("t");
          for (int i = 0; appendersDone.get() < 2 || i < 3; i++) { // at least a few after the appends
            TableVersion seen = t.latest();
            try {
              CommitResult r = t.delete(new Predicate.Compare(1, Predicate.Op.EQ, 2L));
              if (r.rowsRemoved() > 0) {
                rewrites.incrementAndGet();
                // every grp-2 row of a version at or before the one it read is gone for good
                Rows.read(seen, List.of("id"), new Predicate.Compare(1, Predicate.Op.EQ, 2L))
                    .forEach(row -> mustBeGone.add((Long) row.get(0)));
              }
            } catch (CommitConflictException e) {
              assertFalse(e.retryable());
              conflicts.incrementAndGet();
            }
          }
        }
        return null;
      }));
      fs.add(pool.submit(() -> {
        try (FloeStore f = b.floe()) {
          Table t = f.table("t");
          for (int i = 0; appendersDone.get() < 2 || i < 3; i++) {
            try {
              if (t.update(new Predicate.Compare(1, Predicate.Op.EQ, 1L), java.util.Map.of("name", "one")).rowsRemoved() > 0) {
                rewrites.incrementAndGet();
              }
            } catch (CommitConflictException e) {
              assertFalse(e.retryable());
              conflicts.incrementAndGet();
            }
          }
        }
        return null;
      }));
      for (Future<?> fu : fs) {
        fu.get();
      }
      pool.shutdown();
      try (FloeStore f = b.floe()) {
        TableVersion v = f.table("t").latest();
        List<List<Object>> rows = Rows.read(v, List.of("id", "grp", "name"), Predicate.TRUE);
        List<Long> ids = rows.stream().map(r -> (Long) r.get(0)).sorted().toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no row doubled");
        for (Long id : Writes.expectedIds(2, 40)) {
          if (id % 10 != 2) {
            assertTrue(ids.contains(id), "appended row " + id + " lost");
          }
        }
        for (Long gone : mustBeGone) {
          assertFalse(ids.contains(gone), "deleted row " + gone + " resurrected");
        }
        for (List<Object> r : rows) {
          assertTrue(r.get(2).equals("n" + r.get(0)) || (r.get(1).equals(1) && r.get(2).equals("one")), r.toString());
        }
        assertEquals(rows.size(), v.rowCount());
        assertTrue(rewrites.get() > 0);
        System.out.println(b + " rows: " + rewrites.get() + " rewrites, " + conflicts.get() + " conflicts, "
            + mustBeGone.size() + " rows deleted for good");
      }
    }
  }
}
