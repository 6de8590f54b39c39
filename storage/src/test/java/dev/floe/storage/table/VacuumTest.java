package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.FaultInjectingStore.Fault;
import dev.floe.storage.io.SimulatedCrash;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.Predicate.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** VACUUM (announce, then delete), named snapshots, and their interleavings (DESIGN §9, §10.2, §10.8). */
class VacuumTest {
  private static final VacuumOptions NOW = new VacuumOptions(Duration.ZERO, 0, false);

  static Stream<Backend> backends() {
    return Backend.all();
  }

  static Stream<Backend> local() {
    return Backend.local();
  }

  private static CommitResult append(Table t, FloeStore f, long from, long to) {
    try (VectorSchemaRoot b = Rows.batch(f.allocator(), from, to)) {
      return t.append(b);
    }
  }

  private static CommitResult overwrite(Table t, FloeStore f, long from, long to) {
    try (VectorSchemaRoot b = Rows.batch(f.allocator(), from, to)) {
      return t.overwrite(b);
    }
  }

  /** Every version's ids, by version. */
  private static Map<Long, List<Long>> everyVersion(Table t) {
    Map<Long, List<Long>> out = new TreeMap<>();
    for (TableVersion v : t.history()) {
      out.put(v.version(), Rows.ids(v));
    }
    return out;
  }

  /** Store times have millisecond (S3: second) resolution; "older than 0 s" needs a tick. */
  static void settle(Backend b) {
    try {
      Thread.sleep(b.toString().contains("s3") ? 1100 : 30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void deletesOnlyOrphansOlderThanTheGraceAndEveryVersionStillReads(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      append(t, f, 0, 100);
      append(t, f, 100, 200);
      t.delete(new Predicate.Compare(0, Op.LT, 50L));
      List<SegmentEntry> staged;
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 900, 910)) {
        staged = t.stage(batch); // an abandoned transaction's rows
      }
      Map<Long, List<Long>> before = everyVersion(t);
      settle(b);

      VacuumReport young = f.vacuum("t", VacuumOptions.defaults());
      assertEquals(List.of(), young.deleted(), "nothing is older than an hour");

      VacuumReport dry = f.vacuum("t", new VacuumOptions(Duration.ZERO, 0, true));
      assertEquals(Set.of(staged.get(0).key()), Set.copyOf(dry.deleted()), "only the staged orphan: " + dry);
      assertEquals(-1, dry.version());
      assertEquals(before, everyVersion(t), "a dry run changes nothing");

      VacuumReport done = f.vacuum("t", NOW);
      assertEquals(dry.deleted(), done.deleted());
      assertEquals(before.size(), done.version(), "the VACUUM record is the next version");
      Map<Long, List<Long>> after = everyVersion(t);
      assertEquals(before, after.entrySet().stream().filter(e -> e.getKey() < done.version())
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new)));
      assertEquals(after.get(done.version() - 1), after.get(done.version()), "VACUUM keeps the data");
      assertEquals(Operation.VACUUM, t.latest().operation());
      assertEquals(List.of(), f.orphans("t").keys(), "its list is referenced by its record");
      assertEquals(List.of(), f.vacuum("t", NOW).deleted(), "nothing left to delete");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void retentionExpiresOldVersionsExceptThoseASnapshotPins(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      append(t, f, 0, 10); // v1
      Snapshot eod = f.createSnapshot("eod");
      assertEquals(Map.of("t", 1L), eod.versions());
      overwrite(t, f, 10, 20); // v2
      overwrite(t, f, 20, 30); // v3
      settle(b);
      VacuumReport r = f.vacuum("t", new VacuumOptions(Duration.ZERO, 1, false));
      assertEquals(List.of(0L, 2L), r.expired(), "v1 is pinned, v3 is the latest");
      assertEquals(Rows.range(0, 10), Rows.ids(t.version(1)), "the snapshot's version still reads");
      assertEquals(Rows.range(20, 30), Rows.ids(t.latest()));
      FloeException gone = assertThrows(FloeException.class, () -> Rows.ids(t.version(2)));
      assertEquals(ErrorCode.VERSION_EXPIRED, gone.code(), gone.getMessage());

      assertThrows(FloeException.class, () -> f.createSnapshot("eod"), "create-if-absent");
      f.dropSnapshot("eod");
      assertEquals(List.of(), f.snapshots());
      FloeException none = assertThrows(FloeException.class, () -> f.dropSnapshot("eod"));
      assertEquals(ErrorCode.SNAPSHOT_NOT_FOUND, none.code());
      settle(b);
      VacuumReport again = f.vacuum("t", new VacuumOptions(Duration.ZERO, 1, false));
      assertTrue(again.expired().contains(1L), again.toString());
      assertThrows(FloeException.class, () -> Rows.ids(t.version(1)));
      assertEquals(Rows.range(20, 30), Rows.ids(t.latest()));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void retentionByAgeExpiresVersionsSupersededLongerAgoByStoreTime(Backend b) throws InterruptedException {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA); // v0
      overwrite(t, f, 0, 10); // v1
      f.createSnapshot("s1"); // pins v1
      overwrite(t, f, 10, 20); // v2: v0 and v1 were superseded now
      Thread.sleep(4000); // S3 store times are whole seconds; 2 s of slack for a loaded machine below
      overwrite(t, f, 20, 30); // v3: v2 superseded 3 s after v0 and v1
      overwrite(t, f, 30, 40); // v4, the latest
      Duration second = Duration.ofSeconds(2); // v0, v1 superseded 4 s ago; v2 only just now
      Map<Long, List<Long>> before = everyVersion(t);
      assertEquals(List.of(0L), f.vacuum("t", new VacuumOptions(Duration.ZERO, 0, second, true)).expired(),
          "snapshot s1 keeps v1");
      f.dropSnapshot("s1");

      VacuumReport dry = f.vacuum("t", new VacuumOptions(Duration.ZERO, 0, second, true));
      assertEquals(List.of(0L, 1L), dry.expired(), "superseded more than two seconds ago: " + dry);
      assertFalse(dry.deleted().isEmpty(), "v1's segment would go: " + dry);
      assertEquals(-1, dry.version());
      assertEquals(before, everyVersion(t), "a dry run changes nothing");

      VacuumReport bothPolicies = f.vacuum("t", new VacuumOptions(Duration.ZERO, 4, second, true));
      assertEquals(List.of(0L), bothPolicies.expired(), "the count policy keeps v1..v4: both must let a version go");
      VacuumReport longAge = f.vacuum("t", new VacuumOptions(Duration.ZERO, 0, Duration.ofHours(1), true));
      assertEquals(List.of(), longAge.expired(), "nothing was superseded an hour ago");
      VacuumReport longGrace = f.vacuum("t", new VacuumOptions(Duration.ofHours(1), 0, second, true));
      assertEquals(List.of(), longGrace.expired(), "the grace period still protects recent readers");

      VacuumReport done = f.vacuum("t", new VacuumOptions(Duration.ZERO, 0, second, false));
      assertEquals(List.of(0L, 1L), done.expired(), done.toString());
      FloeException gone = assertThrows(FloeException.class, () -> Rows.ids(t.version(1)));
      assertEquals(ErrorCode.VERSION_EXPIRED, gone.code(), gone.getMessage());
      assertEquals(Rows.range(10, 20), Rows.ids(t.version(2)), "superseded within the age: still reads");
      assertEquals(Rows.range(30, 40), Rows.ids(t.latest()));
      List<Long> again = f.vacuum("t", new VacuumOptions(Duration.ZERO, 0, second, true)).expired();
      // v2 and v3 may have aged past the limit by now on a slow machine; v0 and v1 are gone for good
      assertFalse(again.contains(0L) || again.contains(1L), "expired versions are not reported again: " + again);
    }
  }

  /** Object keys under {@code root}, relative to it. */
  private static List<String> keysUnder(FloeStore f, Backend b, String root) {
    List<String> out = new ArrayList<>();
    try (var store = b.open(); var s = store.list(root, null)) {
      s.forEach(i -> out.add(i.key().substring(root.length())));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aDroppedTablesRootIsReclaimedAfterTheGraceUnlessASnapshotPinsIt(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table old = f.create("t", Rows.SCHEMA);
      append(old, f, 0, 10);
      append(old, f, 10, 20);
      String oldRoot = old.root();
      Snapshot pin = f.createSnapshot("pin");
      f.drop("t");
      Table fresh = f.create("t", Rows.SCHEMA);
      append(fresh, f, 100, 105);
      settle(b);

      assertEquals(List.of(), f.vacuumDropped(VacuumOptions.defaults()).get(0).deleted(), "dropped within the hour");
      assertEquals(List.of(), f.vacuumDropped(NOW).get(0).deleted(), "snapshot pin holds version 2 of the old root");
      f.dropSnapshot(pin.name());

      List<String> before = keysUnder(f, b, oldRoot);
      VacuumReport dry = f.vacuumDropped(new VacuumOptions(Duration.ZERO, 0, true)).get(0);
      assertEquals(-1, dry.version());
      assertEquals(4, dry.deleted().size(), "two segments and two manifests: " + dry);
      assertTrue(dry.deleted().stream().noneMatch(k -> k.startsWith("log/")), dry.toString());
      assertEquals(before, keysUnder(f, b, oldRoot), "a dry run changes nothing");

      VacuumReport done = f.vacuumDropped(NOW).get(0);
      assertEquals(dry.deleted(), done.deleted());
      assertEquals(4, done.version(), "RECLAIM follows the DROP at version 3");
      assertEquals(List.of(0L, 1L, 2L), done.expired());
      List<String> left = keysUnder(f, b, oldRoot);
      assertTrue(left.stream().allMatch(k -> k.startsWith("log/") || k.startsWith("vacuum/")), left.toString());
      assertTrue(left.contains("log/" + dev.floe.storage.commit.SequencedLog.pad(4) + ".json"), left.toString());
      assertEquals(Rows.range(100, 105), Rows.ids(f.table("t").latest()), "the table created again is untouched");
      assertEquals(List.of(), f.vacuumDropped(NOW).get(0).deleted(), "nothing left");

      FloeException late = assertThrows(FloeException.class, () -> append(old, f, 20, 30));
      assertEquals(ErrorCode.TABLE_NOT_FOUND, late.code(), "a writer holding the old table commits nothing: " + late.getMessage());
      assertEquals(List.of(), f.vacuumDropped(NOW).get(0).deleted(), "its abandoned segment is younger than a tick");
      settle(b);
      VacuumReport stray = f.vacuumDropped(NOW).get(0);
      assertTrue(stray.deleted().stream().noneMatch(k -> k.startsWith("log/")), stray.toString());
      assertEquals(List.of(), f.vacuumDropped(NOW).get(0).deleted());
    }
  }

  /** §10.2: a writer pauses after writing its segments, VACUUM deletes them, the writer resumes. */
  @ParameterizedTest
  @MethodSource("backends")
  void aWriterPausedAcrossVacuumFailsRetryablyAndCommitsNothing(Backend b) {
    try (b; FloeStore other = b.floe()) {
      Table t0 = other.create("t", Rows.SCHEMA);
      append(t0, other, 0, 10);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        t.latest();
        long[] vacuumed = {-1};
        RewriteProtocolTest.beforeNextCommit(faulty, () -> {
          settle(b);
          VacuumReport r = other.vacuum("t", NOW);
          vacuumed[0] = r.version();
          assertFalse(r.deleted().isEmpty(), "the paused writer's objects are orphans now");
        });
        CommitConflictException e = assertThrows(CommitConflictException.class, () -> append(t, f, 10, 20));
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("VACUUM"), e.getMessage());
        assertEquals(2, vacuumed[0]);
        assertEquals(2, t0.latest().version(), "the writer committed nothing");
        assertEquals(Rows.range(0, 10), Rows.ids(t0.latest()));
        append(t, f, 10, 20);
      }
      assertEquals(Rows.range(0, 20), Rows.ids(other.table("t").latest()), "run again, it commits");
    }
  }

  /** A transaction's staged segments deleted by a VACUUM before its commit: the commit fails cleanly. */
  @ParameterizedTest
  @MethodSource("local")
  void stagedSegmentsOlderThanTheGraceCannotBePublishedAfterVacuum(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      List<SegmentEntry> staged;
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 0, 10)) {
        staged = t.stage(batch);
      }
      settle(b);
      assertEquals(1, f.vacuum("t", NOW).deleted().size());
      assertThrows(FloeException.class, () -> t.commitStaged(staged));
      assertEquals(List.of(), Rows.ids(t.latest()));
    }
  }

  /** §10.8, one order: the snapshot read its versions, VACUUM expired one, then the snapshot landed. */
  @ParameterizedTest
  @MethodSource("backends")
  void aSnapshotWhoseVersionExpiredWhileItWasCreatedIsNotCreated(Backend b) {
    try (b; FloeStore other = b.floe()) {
      Table t0 = other.create("t", Rows.SCHEMA);
      append(t0, other, 0, 10); // v1, which the snapshot will try to pin
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        faulty.beforeCall(StoreOp.PUT_IF_ABSENT, faulty.calls(StoreOp.PUT_IF_ABSENT) + 1, k -> {
          overwrite(t0, other, 10, 20); // v2
          settle(b);
          VacuumReport r = other.vacuum("t", new VacuumOptions(Duration.ZERO, 1, false));
          assertTrue(r.expired().contains(1L), r.toString());
        });
        CommitConflictException e = assertThrows(CommitConflictException.class, () -> f.createSnapshot("eod"));
        assertTrue(e.retryable() && e.getMessage().contains("expired version 1"), e.getMessage());
      }
      assertEquals(List.of(), other.snapshots(), "the failed snapshot removed itself");
      assertEquals(Set.of(3L), Set.of(other.createSnapshot("eod").versions().get("t")), "created again on the latest");
    }
  }

  /** §10.8 for dropped roots: a snapshot pins v1, and before it lands the table is dropped and its root reclaimed. */
  @ParameterizedTest
  @MethodSource("backends")
  void aSnapshotOfATableReclaimedWhileItWasCreatedIsNotCreated(Backend b) {
    try (b; FloeStore other = b.floe()) {
      Table t0 = other.create("t", Rows.SCHEMA);
      append(t0, other, 0, 10); // v1, which the snapshot will try to pin
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        faulty.beforeCall(StoreOp.PUT_IF_ABSENT, faulty.calls(StoreOp.PUT_IF_ABSENT) + 1, k -> {
          other.drop("t"); // v2
          settle(b);
          List<VacuumReport> r = other.vacuumDropped(NOW);
          assertEquals(3, r.get(0).version(), "RECLAIM at v3: " + r);
          assertFalse(r.get(0).deleted().isEmpty(), r.toString());
        });
        CommitConflictException e = assertThrows(CommitConflictException.class, () -> f.createSnapshot("eod"));
        assertTrue(e.retryable() && e.getMessage().contains("expired version 1"), e.getMessage());
      }
      assertEquals(List.of(), other.snapshots(), "the failed snapshot removed itself");
      assertEquals(Map.of(), other.createSnapshot("eod").versions(), "created again: no table is left");
    }
  }

  /** §10.8, the other order: a snapshot pinning v2 landed after VACUUM read the snapshots, before its record. */
  @ParameterizedTest
  @MethodSource("backends")
  void aSnapshotThatLandedBeforeTheVacuumRecordKeepsItsVersion(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      append(t, f, 0, 10); // v1
      overwrite(t, f, 10, 20); // v2, which the late snapshot pins
      overwrite(t, f, 20, 30); // v3
      settle(b);
      VacuumReport r = Vacuum.run(t, new VacuumOptions(Duration.ZERO, 1, false), Set.of(), () -> Set.of(2L));
      assertEquals(List.of(0L, 1L, 2L), r.expired(), "announced before the snapshot was seen");
      assertFalse(r.kept().isEmpty(), "but v2's data is kept for the snapshot seen after the record: " + r);
      assertEquals(Rows.range(10, 20), Rows.ids(t.version(2)), "the pinned version still reads");
      assertThrows(FloeException.class, () -> Rows.ids(t.version(1)));
      assertEquals(Rows.range(20, 30), Rows.ids(t.latest()));
    }
  }

  @ParameterizedTest
  @MethodSource("local")
  void aCrashAtAnyStepOfVacuumLeavesAValidTable(Backend b) {
    try (b) {
      List<String> outcomes = new ArrayList<>();
      int table = 0;
      for (StoreOp op : List.of(StoreOp.PUT, StoreOp.PUT_IF_ABSENT, StoreOp.DELETE)) {
        for (int n = 1; n <= (op == StoreOp.PUT_IF_ABSENT ? 1 : 3); n++) {
          for (Fault fault : List.of(Fault.CRASH, Fault.CRASH_AFTER)) {
            String name = "t" + table++;
            Map<Long, List<Long>> before;
            try (FloeStore f = b.floe()) {
              Table t = f.create(name, Rows.SCHEMA);
              append(t, f, 0, 10);
              overwrite(t, f, 10, 20);
              try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 90, 95)) {
                t.stage(batch);
              }
              before = everyVersion(t);
              settle(b);
            }
            FaultInjectingStore faulty = new FaultInjectingStore(b.open());
            try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
              Table t = f.table(name);
              faulty.inject(op, faulty.calls(op) + n, fault);
              try {
                f.vacuum(name, new VacuumOptions(Duration.ZERO, 1, false));
                outcomes.add(op + "#" + n + " " + fault + ": completed");
              } catch (SimulatedCrash crash) {
                outcomes.add(op + "#" + n + " " + fault + ": crashed");
              }
            }
            try (FloeStore f = b.floe()) {
              Table t = f.table(name);
              assertEquals(Rows.range(10, 20), Rows.ids(t.latest()), op + "#" + n + " " + fault);
              assertEquals(before.get(2L), Rows.ids(t.version(2)));
              VacuumReport r = f.vacuum(name, new VacuumOptions(Duration.ZERO, 1, false));
              assertEquals(Rows.range(10, 20), Rows.ids(t.latest()));
              assertEquals(List.of(), f.vacuum(name, new VacuumOptions(Duration.ZERO, 1, true)).deleted(),
                  "a second VACUUM finishes the job: " + r);
              assertEquals(List.of(), f.orphans(name).keys(),
                  op + "#" + n + " " + fault + ": nothing left behind, not even the crashed VACUUM's list");
            }
          }
        }
      }
      assertTrue(outcomes.stream().filter(o -> o.endsWith("crashed")).count() >= 6, outcomes.toString());
    }
  }
}
