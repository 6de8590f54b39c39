package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.TxnId;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.FaultInjectingStore.Fault;
import dev.floe.storage.io.SimulatedCrash;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.segment.Predicate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Multi-table transactions (RFC 0005): a transaction that appends to {@code t} and deletes from
 * {@code u} becomes visible in both or in neither, for readers arriving at every step, across
 * crashes at every store call, lost replies, stale undecided transactions, concurrent writers and
 * maintenance; a reader's cut never includes it in one table and not in the other.
 */
class MultiTableCommitTest {
  private static final Duration SHORT = Duration.ofMillis(100);

  /** Memory and folder for every case; s3proxy for the cases whose store calls differ there. */
  static Stream<Backend> backends() {
    return Backend.local();
  }

  static Stream<Backend> everyBackend() {
    return Backend.all();
  }

  private static FloeOptions shortTimeout() {
    return FloeOptions.defaults().withTransactionTimeout(SHORT);
  }

  private static void seed(FloeStore f) {
    for (String name : List.of("t", "u")) {
      Table t = f.create(name, Rows.SCHEMA);
      for (int s = 0; s < 3; s++) {
        try (VectorSchemaRoot b = Rows.batch(f.allocator(), s * 10, s * 10 + 10)) {
          t.append(b);
        }
      }
    }
  }

  /** Appends 100..104 to t and deletes id 3 from u, as one transaction. */
  private static Map<String, CommitResult> transfer(FloeStore f) {
    return MultiTableCommit.commit(List.of(parts(f)));
  }

  /** Uncommitted changes of one transaction: ids {@code from..to-1} appended to t, id {@code deleted} deleted from u. */
  private static PendingChanges[] pair(FloeStore f, long from, long to, long deleted) {
    Table t = f.table("t");
    Table u = f.table("u");
    PendingChanges pt = new PendingChanges(t);
    try (VectorSchemaRoot b = Rows.batch(f.allocator(), from, to)) {
      pt.addStaged(t.stage(b));
    }
    PendingChanges pu = new PendingChanges(u);
    assertEquals(1, pu.rewrite(u.latest(), new Predicate.Compare(0, Predicate.Op.EQ, deleted), null, null, null));
    return new PendingChanges[] {pt, pu};
  }

  private static PendingChanges[] parts(FloeStore f) {
    return pair(f, 100, 105, 3);
  }

  private static final List<Long> T_OLD = Rows.range(0, 30);
  private static final List<Long> T_NEW = concat(Rows.range(0, 30), Rows.range(100, 105));
  private static final List<Long> U_OLD = Rows.range(0, 30);
  private static final List<Long> U_NEW = without(Rows.range(0, 30), 3L);

  private static List<Long> concat(List<Long> a, List<Long> b) {
    List<Long> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<Long> without(List<Long> a, long x) {
    List<Long> out = new ArrayList<>(a);
    out.remove(x);
    return out;
  }

  /** Whether {@code g} reads the transaction (true), or not (false); fails on a fractured read. */
  private static boolean sees(FloeStore g, String where) {
    ReadCut cut = new ReadCut();
    List<Long> t = Rows.ids(cut.latest("t", () -> g.table("t").latest()));
    List<Long> u = Rows.ids(cut.latest("u", () -> g.table("u").latest()));
    boolean tNew = t.equals(T_NEW);
    boolean uNew = u.equals(U_NEW);
    assertTrue(tNew || t.equals(T_OLD), where + ": t is " + t);
    assertTrue(uNew || u.equals(U_OLD), where + ": u is " + u);
    assertEquals(tNew, uNew, where + ": a fractured read (t " + (tNew ? "with" : "without") + " the transaction, u "
        + (uNew ? "with" : "without") + ")");
    return tNew;
  }

  @ParameterizedTest
  @MethodSource("everyBackend")
  void commitsInEveryTableAtOnce(Backend b) {
    try (b; FloeStore f = b.floe(); FloeStore g = b.floe()) {
      seed(f);
      long tBefore = f.table("t").latest().version();
      assertFalse(sees(g, "before"));
      Map<String, CommitResult> r = transfer(f);
      assertEquals(tBefore + 1, r.get("t").version());
      assertTrue(sees(g, "after"));
      TableVersion tv = g.table("t").latest();
      assertTrue(tv.record().participant(), "a participant record");
      assertEquals(List.of(f.table("t").root(), f.table("u").root()).stream().sorted().toList(),
          tv.record().transaction());
      Decision d = f.table("t").participants().decisions().read(tv.record().txnId()).orElseThrow();
      assertTrue(d.committed());
      assertEquals(Map.of(f.table("t").root(), r.get("t").version(), f.table("u").root(), r.get("u").version()),
          d.versions());
      // single-table commits after it carry what it requires, and still need no decision
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 200, 201)) {
        f.table("t").append(batch);
      }
      TableVersion after = g.table("t").latest();
      assertFalse(after.record().participant());
      assertEquals(Map.of(f.table("u").root(), r.get("u").version()), after.record().requires());
    }
  }

  @ParameterizedTest
  @MethodSource("everyBackend")
  void aReaderBetweenTheParticipantsAndTheDecisionSeesNothing(Backend b) {
    try (b; FloeStore f0 = b.floe(); FloeStore g = b.floe()) {
      seed(f0);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      AtomicReference<Boolean> seen = new AtomicReference<>();
      AtomicReference<List<Long>> readOfT = new AtomicReference<>();
      faulty.beforeCall(StoreOp.PUT_IF_ABSENT, 3, key -> {
        assertTrue(key.contains("txns/"), key); // two participant records, then the decision
        seen.set(sees(g, "between"));
        readOfT.set(Rows.ids(g.table("t").latest()));
      });
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        transfer(f);
      }
      assertEquals(Boolean.FALSE, seen.get(), "undecided: not visible");
      assertEquals(T_OLD, readOfT.get());
      assertTrue(sees(g, "after the decision"));
    }
  }

  @Test
  void aReaderWhoseCutBeganBeforeTheDecisionIsHeldBackInTheOtherTable() {
    try (Backend b = Backend.memory(); FloeStore f = b.floe(); FloeStore g = b.floe()) {
      seed(f);
      ReadCut cut = new ReadCut();
      TableVersion t = cut.latest("t", () -> g.table("t").latest()); // read before the transaction
      transfer(f);
      TableVersion u = cut.latest("u", () -> g.table("u").latest()); // read after it
      assertEquals(T_OLD, Rows.ids(t));
      assertEquals(U_OLD, Rows.ids(u), "u is held at the version before the transaction");
      ReadCut fresh = new ReadCut();
      TableVersion u2 = fresh.latest("u", () -> g.table("u").latest());
      assertEquals(U_NEW, Rows.ids(u2));
      // reading t with a stale head (a version before the transaction) still includes it: t is raised
      TableVersion t2 = fresh.latest("t", () -> g.table("t").version(3));
      assertEquals(T_NEW, Rows.ids(t2), "t is raised to the transaction's version");
    }
  }

  @ParameterizedTest
  @MethodSource("everyBackend")
  void aLostReplyOfTheDecisionIsSettled(Backend b) {
    try (b; FloeStore f0 = b.floe(); FloeStore g = b.floe()) {
      seed(f0);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      faulty.inject(StoreOp.PUT_IF_ABSENT, 3, Fault.LOSE_REPLY);
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        transfer(f);
      }
      assertTrue(sees(g, "after"));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aStaleUndecidedTransactionIsAbortedByTheNextWriterAndNeverSeen(Backend b) {
    try (b; FloeStore f0 = b.floe()) {
      seed(f0);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      faulty.inject(StoreOp.PUT_IF_ABSENT, 3, Fault.CRASH); // dies just before the decision
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        transfer(f);
        fail("no crash");
      } catch (SimulatedCrash expected) {
        // the process died here
      }
      try (FloeStore g = b.floe(shortTimeout())) {
        assertFalse(sees(g, "undecided"));
        long start = System.nanoTime();
        try (VectorSchemaRoot batch = Rows.batch(g.allocator(), 200, 201)) {
          g.table("t").append(batch); // waits for the decision, then aborts the stale transaction
        }
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertEquals(concat(T_OLD, List.of(200L)), Rows.ids(g.table("t").latest()));
        assertEquals(U_OLD, Rows.ids(g.table("u").latest()));
        TableVersion head = g.table("t").latest();
        assertFalse(head.record().participant());
        // the aborted record's version stands for its parent; the decision says ABORTED
        TxnId txn = g.table("t").record(head.version() - 1).record().txnId();
        assertFalse(g.table("t").participants().decisions().read(txn).orElseThrow().committed());
        // the committer, had it lived, loses
        try (FloeStore late = b.floe()) {
          assertFalse(late.table("u").participants().decisions()
              .decide(Decision.commit(txn, Map.of(), "late")).committed());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aStaleUndecidedTransactionIsAbortedByAWritableReaderNotByAReadOnlyOne(Backend b) {
    try (b; FloeStore f0 = b.floe()) {
      seed(f0);
      f0.create("other", Rows.SCHEMA);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      faulty.inject(StoreOp.PUT_IF_ABSENT, 3, Fault.CRASH);
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        transfer(f);
        fail("no crash");
      } catch (SimulatedCrash expected) {
        // died before the decision
      }
      TxnId txn = f0.table("t").record(f0.table("t").head().version()).record().txnId();
      Decisions decisions = f0.table("t").participants().decisions();
      sleep(SHORT.plusMillis(50));
      try (FloeStore ro = FloeStore.open(b.open(), shortTimeout(), true)) {
        assertEquals(T_OLD, Rows.ids(ro.table("t").latest()));
        assertTrue(decisions.read(txn).isEmpty(), "a read-only reader decides nothing");
      }
      try (FloeStore g = b.floe(shortTimeout())) {
        try (VectorSchemaRoot batch = emptyOf(g)) {
          g.table("other").append(batch); // an observation of the store's clock
        }
        sleep(SHORT.plusMillis(50));
        assertFalse(sees(g, "stale"));
        assertFalse(decisions.read(txn).orElseThrow().committed(), "the reader aborted it");
      }
    }
  }

  private static VectorSchemaRoot emptyOf(FloeStore g) {
    return Rows.batch(g.allocator(), 300, 301);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aCommitterAbortedWhilePausedLosesAndNothingIsVisible(Backend b) {
    try (b; FloeStore f0 = b.floe(); FloeStore g = b.floe(shortTimeout())) {
      seed(f0);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      faulty.beforeCall(StoreOp.PUT_IF_ABSENT, 3, key -> {
        // the committer pauses here; another writer finds its records stale and aborts it
        sleep(SHORT.multipliedBy(2));
        try (VectorSchemaRoot batch = Rows.batch(g.allocator(), 200, 201)) {
          g.table("u").append(batch);
        }
      });
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        CommitConflictException e = assertThrows(CommitConflictException.class, () -> transfer(f));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("aborted by another client"), e.getMessage());
      }
      assertEquals(T_OLD, Rows.ids(g.table("t").latest()));
      assertEquals(concat(U_OLD, List.of(200L)), Rows.ids(g.table("u").latest()));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aWriterThatFindsAnUndecidedRecordWaitsForTheDecisionAndBuildsOnIt(Backend b) {
    try (b; FloeStore f0 = b.floe(); FloeStore g = b.floe()) {
      seed(f0);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      CompletableFuture<CommitResult>[] compact = new CompletableFuture[1];
      faulty.beforeCall(StoreOp.PUT_IF_ABSENT, 3, key -> {
        compact[0] = CompletableFuture.supplyAsync(() -> g.table("t").compact(1_000)); // finds t undecided
        sleep(Duration.ofMillis(100));
        assertFalse(compact[0].isDone(), "COMPACT waits for the decision");
      });
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        transfer(f);
      }
      compact[0].join();
      TableVersion t = g.table("t").latest();
      assertEquals(T_NEW, Rows.ids(t), "COMPACT built on the committed transaction");
      assertEquals(2, t.segments().size(), "the three segments it read, compacted, and the transaction's own");
      assertTrue(sees(g, "after"));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aWriterInterruptedWhileWaitingForADecisionReportsACancelNotAnUnavailableStore(Backend b) throws Exception {
    try (b; FloeStore f0 = b.floe(); FloeStore g = b.floe()) {
      seed(f0);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      AtomicReference<RuntimeException> failure = new AtomicReference<>();
      Thread[] waiter = new Thread[1];
      faulty.beforeCall(StoreOp.PUT_IF_ABSENT, 3, key -> {
        waiter[0] = new Thread(() -> {
          try {
            g.table("t").compact(1_000); // finds t undecided: waits for the decision
          } catch (RuntimeException e) {
            failure.set(e);
          }
        });
        waiter[0].start();
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (waiter[0].getState() != Thread.State.TIMED_WAITING && System.nanoTime() < until) {
          Thread.onSpinWait(); // until it sleeps between two looks for the decision (not mid-write)
        }
        waiter[0].interrupt(); // what a cancelled statement's thread gets
        try {
          waiter[0].join(5_000);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        transfer(f);
      }
      assertFalse(waiter[0].isAlive(), "the interrupted wait ended");
      FloeException e = assertInstanceOf(FloeException.class, failure.get());
      assertEquals(ErrorCode.QUERY_CANCELED, e.code(), e.getMessage());
      assertTrue(sees(g, "after"), "the transaction it waited for committed");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aVacuumDuringAnUndecidedTransactionWaitsAndDeletesNothingItNeeds(Backend b) {
    try (b; FloeStore f0 = b.floe(); FloeStore g = b.floe()) {
      seed(f0);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      CompletableFuture<VacuumReport>[] vacuum = new CompletableFuture[1];
      faulty.beforeCall(StoreOp.PUT_IF_ABSENT, 3, key -> {
        // keep one version, no grace: everything the undecided records reference looks unreferenced
        // by older versions, and the transaction's staged segments are younger than any grace
        vacuum[0] = CompletableFuture.supplyAsync(() -> g.vacuum("t", new VacuumOptions(Duration.ZERO, 1, false)));
        sleep(Duration.ofMillis(100));
        assertFalse(vacuum[0].isDone(), "VACUUM commits a record: it waits for the decision");
      });
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        transfer(f);
      }
      vacuum[0].join();
      try (FloeStore h = b.floe()) {
        assertTrue(sees(h, "after the VACUUM"), "the transaction's objects survived it");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void twoTransactionsDeletingOneRowConflictAndTheLoserLeavesNothing(Backend b) {
    try (b; FloeStore f = b.floe(); FloeStore g = b.floe()) {
      seed(f);
      // both delete id 3 of u; their appends to t commute
      PendingChanges[] first = pair(f, 100, 105, 3);
      PendingChanges[] second = pair(g, 500, 502, 3);
      MultiTableCommit.commit(List.of(first));
      CommitConflictException e = assertThrows(CommitConflictException.class,
          () -> MultiTableCommit.commit(List.of(second)));
      assertEquals("40001", e.code().sqlState());
      try (FloeStore h = b.floe()) {
        assertTrue(sees(h, "after both"));
        // the loser's append to t was prepared (it may have landed as a record) but never counts
        try (VectorSchemaRoot batch = Rows.batch(h.allocator(), 200, 201)) {
          h.table("t").append(batch);
        }
        assertEquals(concat(T_NEW, List.of(200L)), Rows.ids(h.table("t").latest()));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void twoTransactionsDeletingDifferentRowsOfOneSegmentBothCommit(Backend b) {
    try (b; FloeStore f = b.floe(); FloeStore g = b.floe()) {
      seed(f);
      PendingChanges[] first = pair(f, 100, 105, 3);
      PendingChanges[] second = pair(g, 500, 502, 4); // another row of the same segment of u
      MultiTableCommit.commit(List.of(first));
      MultiTableCommit.commit(List.of(second));
      try (FloeStore h = b.floe()) {
        assertEquals(concat(T_NEW, List.of(500L, 501L)), Rows.ids(h.table("t").latest()));
        assertEquals(without(U_NEW, 4L), Rows.ids(h.table("u").latest()));
        assertEquals(28, h.table("u").latest().rowCount());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void transactionsOnDisjointTablesAndRowsBothCommit(Backend b) {
    try (b; FloeStore f = b.floe(); FloeStore g = b.floe()) {
      seed(f);
      f.create("v", Rows.SCHEMA);
      PendingChanges t1 = new PendingChanges(f.table("t"));
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 100, 105)) {
        t1.addStaged(f.table("t").stage(batch));
      }
      PendingChanges u1 = new PendingChanges(f.table("u"));
      u1.rewrite(f.table("u").latest(), new Predicate.Compare(0, Predicate.Op.EQ, 3L), null, null, null);
      PendingChanges t2 = new PendingChanges(g.table("t"));
      try (VectorSchemaRoot batch = Rows.batch(g.allocator(), 500, 502)) {
        t2.addStaged(g.table("t").stage(batch));
      }
      PendingChanges v2 = new PendingChanges(g.table("v"));
      try (VectorSchemaRoot batch = Rows.batch(g.allocator(), 7, 9)) {
        v2.addStaged(g.table("v").stage(batch));
      }
      CompletableFuture<Map<String, CommitResult>> a = CompletableFuture.supplyAsync(() -> MultiTableCommit.commit(List.of(t1, u1)));
      CompletableFuture<Map<String, CommitResult>> c = CompletableFuture.supplyAsync(() -> MultiTableCommit.commit(List.of(t2, v2)));
      a.join();
      c.join();
      try (FloeStore h = b.floe()) {
        List<Long> t = Rows.ids(h.table("t").latest());
        assertEquals(concat(T_NEW, List.of(500L, 501L)).stream().sorted().toList(), t);
        assertEquals(U_NEW, Rows.ids(h.table("u").latest()));
        assertEquals(List.of(7L, 8L), Rows.ids(h.table("v").latest()));
      }
    }
  }

  /**
   * Two clients commit transactions over the same two tables at once, 15 each, with a transaction
   * timeout of a minute: preparing in parallel, each often finds the other's participant undecided
   * in one table while its own is undecided in the other. Waiting for each other would deadlock
   * until the timeout; wait-die lets the younger retry at once, so all 30 commit well within the
   * test's limit.
   */
  @ParameterizedTest
  @MethodSource("backends")
  @org.junit.jupiter.api.Timeout(60)
  void transactionsOverTheSameTablesNeverWaitForEachOther(Backend b) throws Exception {
    try (b; FloeStore f0 = b.floe()) {
      seed(f0);
      FloeOptions patient = FloeOptions.defaults().withTransactionTimeout(Duration.ofSeconds(120));
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        writers.add(CompletableFuture.runAsync(() -> {
          try (FloeStore f = b.floe(patient)) {
            for (int i = 0; i < 15; i++) {
              long id = 1_000 + writer * 100 + i;
              PendingChanges pt = new PendingChanges(f.table("t"));
              PendingChanges pu = new PendingChanges(f.table("u"));
              try (VectorSchemaRoot batch = Rows.batch(f.allocator(), id, id + 1)) {
                pt.addStaged(f.table("t").stage(batch));
              }
              try (VectorSchemaRoot batch = Rows.batch(f.allocator(), id, id + 1)) {
                pu.addStaged(f.table("u").stage(batch));
              }
              MultiTableCommit.commit(writer == 0 ? List.of(pt, pu) : List.of(pu, pt));
            }
          }
        }));
      }
      for (CompletableFuture<Void> w : writers) {
        w.get();
      }
      try (FloeStore g = b.floe()) {
        assertEquals(60, g.table("t").latest().rowCount());
        assertEquals(60, g.table("u").latest().rowCount());
        assertEquals(Rows.ids(g.table("t").latest()), Rows.ids(g.table("u").latest()));
      }
    }
  }

  static Stream<Backend> local() {
    return Backend.local();
  }

  /**
   * Crash at every store call of the transaction's COMMIT, before and after it: a reader then sees
   * the transaction in both tables or in neither, and after the next writer of each table (which
   * aborts it if it is undecided) the tables still agree.
   */
  @ParameterizedTest
  @MethodSource("local")
  void crashAtEveryCallLeavesAllOrNothing(Backend kind) {
    int calls;
    try (Backend ref = kind; FloeStore f0 = ref.floe()) {
      seed(f0);
      FaultInjectingStore counting = new FaultInjectingStore(ref.open());
      try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
        prepareThenCount(f, counting);
        calls = counting.calls(null) - countedFrom;
      }
    }
    int sawOld = 0;
    int sawNew = 0;
    for (Fault fault : List.of(Fault.CRASH, Fault.CRASH_AFTER)) {
      for (int n = 1; n <= calls; n++) {
        try (Backend b = kind.toString().equals("mem") ? Backend.memory() : Backend.folder()) {
          try (FloeStore f0 = b.floe()) {
            seed(f0);
          }
          FaultInjectingStore faulty = new FaultInjectingStore(b.open());
          try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
            PendingChanges[] parts = parts(f);
            faulty.inject(null, faulty.calls(null) + n, fault);
            MultiTableCommit.commit(List.of(parts));
            fail("no crash at call " + n + " of " + calls);
          } catch (SimulatedCrash expected) {
            // the process died here
          } catch (RuntimeException e) {
            assertTrue(faulty.crashed(), "failed without a crash: " + e);
          }
          String where = fault + " at call " + n + "/" + calls;
          try (FloeStore g = b.floe(shortTimeout())) {
            boolean saw = sees(g, where);
            sleep(SHORT.plusMillis(50));
            try (VectorSchemaRoot batch = Rows.batch(g.allocator(), 200, 201)) {
              g.table("t").append(batch);
            }
            try (VectorSchemaRoot batch = Rows.batch(g.allocator(), 200, 201)) {
              g.table("u").append(batch);
            }
            List<Long> t = Rows.ids(g.table("t").latest());
            List<Long> u = Rows.ids(g.table("u").latest());
            boolean tNew = t.equals(concat(T_NEW, List.of(200L)));
            boolean uNew = u.equals(concat(U_NEW, List.of(200L)).stream().sorted().toList());
            assertTrue(tNew || t.equals(concat(T_OLD, List.of(200L))), where + ": t " + t);
            assertTrue(uNew || u.equals(concat(U_OLD, List.of(200L)).stream().sorted().toList()), where + ": u " + u);
            assertEquals(tNew, uNew, where + ": the tables disagree for good");
            assertTrue(!saw || tNew, where + ": a transaction seen committed was lost");
            if (tNew) {
              sawNew++;
            } else {
              sawOld++;
            }
          }
        }
      }
    }
    assertTrue(sawOld > 0 && sawNew > 0, "crashes before and after the decision: old " + sawOld + ", new " + sawNew);
  }

  private static int countedFrom;

  private static void prepareThenCount(FloeStore f, FaultInjectingStore counting) {
    PendingChanges[] parts = parts(f);
    countedFrom = counting.calls(null);
    MultiTableCommit.commit(List.of(parts));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
