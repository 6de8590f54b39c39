package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.FaultInjectingStore.Fault;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreOp;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN §10 interleavings at the table level. Where each one is tested:
 *
 * <ol>
 *   <li>lost commit reply: here, and {@code CommitLoopTest} (generic log);
 *   <li>VACUUM vs paused writer: {@code VacuumTest#aWriterPausedAcrossVacuumFailsRetryablyAndCommitsNothing};
 *   <li>merge vs append/update/delete: {@code RewriteProtocolTest#manifestMergeRacingAppendUpdateAndDelete};
 *   <li>stale writer after many commits: here, and {@code CommitLoopTest};
 *   <li>DROP, CREATE, INSERT: {@code CatalogTest#insertRacingDropAndCreateIsNeverAcknowledgedIntoADeadTable};
 *   <li>CTAS crash, CTAS race, lost create reply: {@code CatalogTest};
 *   <li>stale catalog winner: {@code CatalogTest#staleWinnerAtALowerGenerationVoidsItself};
 *   <li>snapshot vs VACUUM: {@code VacuumTest#aSnapshotWhoseVersionExpiredWhileItWasCreatedIsNotCreated} and {@code
 *       VacuumTest#aSnapshotThatLandedBeforeTheVacuumRecordKeepsItsVersion};
 *   <li>a client clock a day fast: {@code ClockAndCacheTest};
 *   <li>concurrent ADD COLUMNs, old-schema append: {@code RewriteProtocolTest};
 *   <li>power loss on the local folder: {@code DamageTest#powerLossAfterTheLinkKeepsTheVersion}.
 * </ol>
 */
class InterleavingsTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  /** §10.1: the append's record lands, its reply is lost; the retry gets 412 and finds its txnId. */
  @ParameterizedTest
  @MethodSource("backends")
  void lostReplyOfAnAppendIsCommittedOnceAndNothingIsCleanedUp(Backend b) {
    try (b) {
      try (FloeStore f = b.floe()) {
        Opaque.append(f.create("t", CatalogTest.SCHEMA), "a", 1);
      }
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        faulty.inject(StoreOp.PUT_IF_ABSENT, faulty.calls(StoreOp.PUT_IF_ABSENT) + 1, Fault.LOSE_REPLY);
        CommitResult r = Opaque.append(t, "b", 1);
        assertEquals(2, r.version());
        assertEquals(0, faulty.calls(StoreOp.DELETE), "never cleans up after an unclear outcome");
      }
      try (FloeStore f = b.floe()) {
        TableVersion head = f.table("t").latest();
        assertEquals(2, head.version(), "not rebased into a second append");
        assertEquals(List.of("a", "b"), Opaque.labels(head));
        assertEquals(List.of(), f.orphans("t").keys());
      }
    }
  }

  /** §10.4: a writer reads head 3 and pauses; others commit up to 200; its put of log/4 fails and it rebases. */
  @ParameterizedTest
  @MethodSource("backends")
  void staleWriterAfterManyCommitsNeverOverwritesAndRebases(Backend b) {
    try (b; FloeStore others = b.floe()) {
      Table t0 = others.create("t", CatalogTest.SCHEMA);
      for (int i = 1; i <= 3; i++) {
        Opaque.append(t0, "s" + i, 1);
      }
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      String four = t0.root() + "log/00000000000000000004.json";
      byte[][] fourBefore = new byte[1][];
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        assertEquals(3, t.latest().version());
        RewriteProtocolTest.beforeNextCommit(faulty, () -> {
          for (int i = 4; i <= 200; i++) {
            Opaque.append(t0, "o" + i, 1);
          }
          try (ObjectStore raw = b.open()) {
            fourBefore[0] = raw.get(four);
          }
        });
        CommitResult r = Opaque.append(t, "late", 1);
        assertEquals(201, r.version());
        assertTrue(r.attempts() >= 2, "its put of log/4 failed first");
      }
      try (ObjectStore raw = b.open()) {
        assertArrayEquals(fourBefore[0], raw.get(four), "log/4 is another writer's record, untouched");
      }
      TableVersion head = others.table("t").latest();
      assertEquals(201, head.segments().size());
      assertEquals(201, head.rowCount());
    }
  }
}
