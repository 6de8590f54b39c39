package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.TxnId;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.FaultInjectingStore.Fault;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.SimulatedCrash;
import dev.floe.storage.io.StoreOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogTest {
  static final Schema SCHEMA = Schema.of(new Column(0, "id", ColumnType.of(ColumnType.Kind.BIGINT), false));

  static Stream<Backend> backends() {
    return Backend.all();
  }

  /**
   * A statement's root listing: every live table with the generation of its root, and every view,
   * listed together; a table read at the listed generation needs no second catalog listing, and a
   * generation that was dropped meanwhile is not found (never the root created after it).
   */
  @ParameterizedTest
  @MethodSource("backends")
  void theRootListingGivesGenerationsAndViewsAndAGenerationIsReadByItsHeadAlone(Backend b) {
    try (b; FloeStore f = b.floe()) {
      f.create("a", SCHEMA);
      f.create("b", SCHEMA);
      f.drop("b");
      f.create("b", SCHEMA);
      f.views().create("v", "SELECT 1", false);
      FloeStore.RootListing root = f.listRoot();
      assertEquals(java.util.Map.of("a", 1L, "b", 3L), root.tables());
      assertEquals(java.util.Map.of("v", "SELECT 1"), root.views());
      dev.floe.storage.io.CountingStore counting = new dev.floe.storage.io.CountingStore(b.open());
      try (FloeStore cold = FloeStore.open(counting, FloeOptions.defaults())) {
        counting.reset();
        TableVersion v = cold.latest("b", 3);
        assertEquals(0, v.version());
        assertEquals(3, v.table().generation());
        assertEquals(1, counting.counts().requests(dev.floe.storage.io.StoreOp.LIST),
            "one listing, of the log: none of the catalog");
        assertEquals(1, counting.counts().requests(dev.floe.storage.io.StoreOp.GET), "the hint, with its record");
      }
      f.drop("b");
      FloeException e = assertThrows(FloeException.class, () -> f.latest("b", 3));
      assertEquals(ErrorCode.TABLE_NOT_FOUND, e.code());
      assertEquals(ErrorCode.TABLE_NOT_FOUND, assertThrows(FloeException.class, () -> f.latest("b")).code());
      assertEquals(0, f.latest("a").version());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void createListDropAndNamesAreBase32Keys(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("Orders", SCHEMA);
      f.create("a/../b", SCHEMA);
      assertEquals(List.of("Orders", "a/../b"), f.tables());
      assertEquals("tables/j5zgizlsom.00000000000000000001/", t.root());
      assertEquals(0, f.table("Orders").latest().version());
      assertThrows(FloeException.class, () -> f.table("orders"), "names are case-sensitive keys");
      f.drop("Orders");
      assertEquals(List.of("a/../b"), f.tables());
      FloeException e = assertThrows(FloeException.class, () -> f.table("Orders"));
      assertEquals(ErrorCode.TABLE_NOT_FOUND, e.code());
      assertEquals("42P01", e.sqlState());
      assertFalse(f.dropIfExists("Orders"));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void createIsExclusive(Backend b) {
    try (b; FloeStore f = b.floe()) {
      f.create("t", SCHEMA);
      FloeException e = assertThrows(FloeException.class, () -> f.create("t", SCHEMA));
      assertEquals(ErrorCode.TABLE_EXISTS, e.code());
      assertEquals("42P07", e.sqlState());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void dropThenCreateNeverShowsOldData(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t1 = f.create("t", SCHEMA);
      Opaque.append(t1, "old", 5);
      f.drop("t");
      Table t2 = f.create("t", SCHEMA);
      assertEquals(3, t2.generation());
      assertNotEquals(t1.root(), t2.root());
      assertEquals(List.of(), Opaque.labels(f.table("t").latest()));
      assertEquals(0, f.table("t").latest().rowCount());
      assertEquals(List.of(TableRoot.Status.DROPPED, TableRoot.Status.LIVE),
          f.roots().stream().map(TableRoot::status).toList());
      assertEquals(t2.root(), f.roots().get(1).root());
      FloeException e = assertThrows(FloeException.class, () -> Opaque.append(t1, "late", 1));
      assertEquals(ErrorCode.TABLE_NOT_FOUND, e.code(), "a writer holding the old table cannot write into it");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void eightThreadsCreatingOneNameExactlyOneWins(Backend b) throws Exception {
    try (b) {
      int n = 8;
      CyclicBarrier barrier = new CyclicBarrier(n);
      ExecutorService pool = Executors.newFixedThreadPool(n);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        results.add(pool.submit(() -> {
          try (FloeStore f = b.floe()) {
            barrier.await();
            try {
              f.create("same", SCHEMA);
              return "won";
            } catch (FloeException e) {
              return e.code().name();
            }
          }
        }));
      }
      List<String> outcomes = new ArrayList<>();
      for (Future<String> r : results) {
        outcomes.add(r.get());
      }
      pool.shutdown();
      assertEquals(1, outcomes.stream().filter("won"::equals).count(), outcomes.toString());
      assertTrue(outcomes.stream().allMatch(o -> o.equals("won") || o.equals("TABLE_EXISTS")), outcomes.toString());
      try (FloeStore f = b.floe()) {
        assertEquals(List.of("same"), f.tables());
        assertEquals(1, f.table("same").history().size());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void listingTheCatalogIsOneListing(Backend b) {
    try (b) {
      try (FloeStore f = b.floe()) {
        for (int i = 0; i < 5; i++) {
          f.create("t" + i, SCHEMA);
        }
        f.drop("t2");
      }
      CountingStore counting = new CountingStore(b.open());
      try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
        counting.reset();
        assertEquals(List.of("t0", "t1", "t3", "t4"), f.tables());
        assertEquals(1, counting.counts().totalRequests());
        f.foldCatalog();
        counting.reset();
        assertEquals(List.of("t0", "t1", "t3", "t4"), f.tables());
        assertEquals(1, counting.counts().requests(StoreOp.LIST));
        assertEquals(1, counting.counts().requests(StoreOp.GET), "one read of the latest fold");
      }
    }
  }

  /** DESIGN §10.7: a stale client re-wins a catalog op at a lower generation after old ops were deleted. */
  @ParameterizedTest
  @MethodSource("backends")
  void staleWinnerAtALowerGenerationVoidsItself(Backend b) {
    try (b; FloeStore f = b.floe()) {
      f.create("t", SCHEMA); // 1.create
      f.drop("t"); // 2.drop
      f.create("t", SCHEMA); // 3.create
      f.foldCatalog();
      List<String> deleted = f.pruneCatalog(Duration.ZERO);
      assertEquals(List.of("catalog/oq/00000000000000000001.create", "catalog/oq/00000000000000000002.drop"), deleted);
      assertEquals(List.of("t"), f.tables());
      // a stale client still believes generation 1 is live and drops it: its op 2.drop lands again
      Catalog stale = new Catalog(envOf(f));
      CatalogOp reWon = new CatalogOp("t", 2, CatalogOp.Kind.DROP);
      assertTrue(stale.put(reWon, TxnId.random()), "the deleted key can be created again");
      CommitConflictException e = assertThrows(CommitConflictException.class, () -> stale.checkNotStale(reWon));
      assertEquals("40001", e.sqlState());
      assertEquals(List.of("t"), f.tables(), "readers ignore it: the highest generation wins");
      assertEquals(3, f.table("t").generation());
    }
  }

  static Env envOf(FloeStore f) {
    try {
      var field = FloeStore.class.getDeclaredField("env");
      field.setAccessible(true);
      return (Env) field.get(f);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** DESIGN §10.6: CTAS crashes after log/0 before its op; the next creator rolls it forward. */
  @ParameterizedTest
  @MethodSource("backends")
  void ctasCrashedAfterLogZeroIsRolledForward(Backend b) {
    try (b) {
      ObjectStore raw = b.open();
      // the op is the only catalog putIfAbsent after log/0: crash before it
      FaultInjectingStore crashing = new FaultInjectingStore(raw);
      crashing.beforeCall(StoreOp.PUT_IF_ABSENT, 1, k -> { });
      try (FloeStore f = FloeStore.open(crashing, FloeOptions.defaults())) {
        // marker was created by the first putIfAbsent; log/0 is the 2nd; the op would be the 3rd
        crashing.inject(StoreOp.PUT_IF_ABSENT, 3, Fault.CRASH);
        assertThrows(SimulatedCrash.class, () -> f.create("t", SCHEMA, List.of(),
            (t, st) -> List.of(Opaque.write(t, st, "ctas", 7))));
      }
      try (FloeStore f = b.floe()) {
        assertEquals(List.of(), f.tables(), "not published: it had an unknown outcome");
        FloeException e = assertThrows(FloeException.class, () -> f.create("t", SCHEMA));
        assertEquals(ErrorCode.TABLE_EXISTS, e.code(), "the crashed creator's log/0 wins");
        assertEquals(List.of("t"), f.tables());
        assertEquals(List.of("ctas"), Opaque.labels(f.table("t").latest()));
        assertEquals(7, f.table("t").latest().rowCount());
      }
    }
  }

  /** DESIGN §10.6: two CTAS race for one name: one wins with its rows, the other's objects are gone. */
  @ParameterizedTest
  @MethodSource("backends")
  void twoCtasRaceOneWinsAndTheLoserLeavesNothing(Backend b) throws Exception {
    try (b) {
      CyclicBarrier barrier = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<String>> rs = new ArrayList<>();
      for (String who : List.of("A", "B")) {
        rs.add(pool.submit(() -> {
          try (FloeStore f = b.floe()) {
            try {
              f.create("t", SCHEMA, List.of(), (t, st) -> {
                SegmentEntry e = Opaque.write(t, st, who, 3);
                await(barrier);
                return List.of(e);
              });
              return who;
            } catch (FloeException e) {
              return e.code().name();
            }
          }
        }));
      }
      List<String> out = List.of(rs.get(0).get(), rs.get(1).get());
      pool.shutdown();
      String winner = out.stream().filter(s -> s.length() == 1).findFirst().orElseThrow();
      assertTrue(out.contains("TABLE_EXISTS"), out.toString());
      try (FloeStore f = b.floe()) {
        assertEquals(List.of(winner), Opaque.labels(f.table("t").latest()));
        assertEquals(List.of(), f.orphans("t").keys(), "the loser deleted what it wrote");
      }
    }
  }

  /** DESIGN §10.6: the reply of a create's log/0 and of its op are lost: it still succeeds once. */
  @ParameterizedTest
  @MethodSource("backends")
  void createWithLostRepliesSucceedsOnce(Backend b) {
    try (b) {
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        faulty.inject(StoreOp.PUT_IF_ABSENT, 2, Fault.LOSE_REPLY); // log/0
        faulty.inject(StoreOp.PUT_IF_ABSENT, 4, Fault.LOSE_REPLY); // the op (3 was the settle re-put)
        Table t = f.create("t", SCHEMA);
        assertEquals(1, t.generation());
      }
      try (FloeStore f = b.floe()) {
        assertEquals(List.of("t"), f.tables());
        assertEquals(1, f.table("t").history().size());
      }
    }
  }

  /** DESIGN §10.5: DROP, CREATE of the same name and an in-flight INSERT race. */
  @ParameterizedTest
  @MethodSource("backends")
  void insertRacingDropAndCreateIsNeverAcknowledgedIntoADeadTable(Backend b) {
    try (b) {
      try (FloeStore f = b.floe()) {
        f.create("t", SCHEMA);
      }
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore writer = FloeStore.open(faulty, FloeOptions.defaults()); FloeStore other = b.floe()) {
        Table held = writer.table("t");
        // the insert pauses just before its commit put; meanwhile: DROP and CREATE
        faulty.beforeCall(StoreOp.PUT_IF_ABSENT, faulty.calls(StoreOp.PUT_IF_ABSENT) + 1, k -> {
          other.drop("t");
          Table fresh = other.create("t", SCHEMA);
          Opaque.append(fresh, "new", 1);
        });
        FloeException e = assertThrows(FloeException.class, () -> Opaque.append(held, "inflight", 1));
        assertEquals(ErrorCode.TABLE_NOT_FOUND, e.code());
        assertEquals(List.of("new"), Opaque.labels(other.table("t").latest()));
        assertEquals(List.of(), other.orphans("t").keys());
      }
    }
  }

  /** A DROP that crashed after its tombstone is rolled forward by a reader that finds it. */
  @ParameterizedTest
  @MethodSource("backends")
  void aReaderRollsACrashedDropForward(Backend b) {
    try (b) {
      try (FloeStore f = b.floe()) {
        f.create("t", SCHEMA);
      }
      FaultInjectingStore crashing = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(crashing, FloeOptions.defaults())) {
        f.table("t");
        crashing.inject(StoreOp.PUT_IF_ABSENT, crashing.calls(StoreOp.PUT_IF_ABSENT) + 2, Fault.CRASH);
        assertThrows(SimulatedCrash.class, () -> f.drop("t"));
      }
      try (FloeStore f = b.floe()) {
        assertEquals(List.of("t"), f.tables(), "listed until touched");
        assertFalse(f.find("t").isPresent());
        assertEquals(List.of(), f.tables(), "rolled forward by the reader that found the tombstone");
      }
    }
  }

  /** A DROP that crashed after its tombstone, before its op, is rolled forward by the next creator. */
  @ParameterizedTest
  @MethodSource("backends")
  void dropCrashedAfterTombstoneIsRolledForward(Backend b) {
    try (b) {
      try (FloeStore f = b.floe()) {
        f.create("t", SCHEMA);
      }
      FaultInjectingStore crashing = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(crashing, FloeOptions.defaults())) {
        f.table("t");
        crashing.inject(StoreOp.PUT_IF_ABSENT, crashing.calls(StoreOp.PUT_IF_ABSENT) + 2, Fault.CRASH);
        assertThrows(SimulatedCrash.class, () -> f.drop("t"));
      }
      try (ObjectStore raw = b.open()) {
        assertTrue(raw.list("tables/oq.00000000000000000001/log/00000000000000000001.json", null).findAny().isPresent(),
            "the tombstone landed");
      }
      try (FloeStore f = b.floe()) {
        assertEquals(List.of("t"), f.tables(), "listed until touched");
        assertEquals(3, f.create("t", SCHEMA).generation(), "the creator rolls the drop forward first");
        assertEquals(List.of("t"), f.tables());
        assertEquals(0, f.table("t").latest().version());
      }
    }
  }

  private static void await(CyclicBarrier b) {
    try {
      b.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
