package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.Hlc;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.StoreOp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** HLC from the store's clock (DESIGN §6, §10.9), and what a commit and a warm read cost in requests. */
class ClockAndCacheTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  private static Clock skewed(Duration d) {
    return Clock.offset(Clock.systemUTC(), d);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void writersSkewedByAnHourCommitInOrderWithMonotoneHlcFromStoreTime(Backend b) {
    try (b;
        FloeStore fast = b.floe(FloeOptions.defaults().withClientClock(skewed(Duration.ofHours(1))));
        FloeStore slow = b.floe(FloeOptions.defaults().withClientClock(skewed(Duration.ofHours(-1))))) {
      fast.create("t", CatalogTest.SCHEMA);
      Table tf = fast.table("t");
      Table ts = slow.table("t");
      Instant start = Instant.now();
      for (int i = 0; i < 20; i++) {
        Opaque.append(i % 2 == 0 ? tf : ts, "s" + i, 1);
      }
      Instant end = Instant.now();
      List<TableVersion> h = tf.history();
      assertEquals(21, h.size());
      for (int i = 1; i < h.size(); i++) {
        assertEquals(i, h.get(i).version());
        assertTrue(h.get(i).hlc() > h.get(i - 1).hlc(), "HLC strictly increases along the log");
        Instant at = h.get(i).timestamp();
        assertTrue(at.isAfter(start.minusSeconds(5)) && at.isBefore(end.plusSeconds(5)),
            "the HLC follows the store's clock, not a writer's: " + at + " vs " + start);
      }
    }
  }

  /** DESIGN §10.9: one client's clock is a day fast. */
  @ParameterizedTest
  @MethodSource("backends")
  void aClientClockADayFastIsRefusedByDefaultAndCannotPushTimestampsIfAllowed(Backend b) {
    Clock dayFast = skewed(Duration.ofDays(1));
    try (b; FloeStore good = b.floe();
        FloeStore refusing = b.floe(FloeOptions.defaults().withClientClock(dayFast));
        FloeStore allowed = b.floe(FloeOptions.defaults().withClientClock(dayFast)
            .withSkewBounds(Duration.ofMinutes(5), Duration.ofDays(2)))) {
      Table t = good.create("t", CatalogTest.SCHEMA);
      Opaque.append(t, "first", 1);
      FloeException e = assertThrows(FloeException.class, () -> Opaque.append(refusing.table("t"), "x", 1));
      assertEquals(ErrorCode.CLOCK_SKEW, e.code());
      assertEquals(1, t.latest().version(), "refused before anything landed");
      Opaque.append(allowed.table("t"), "fast-client", 1);
      // S3 reports store time in whole seconds: AS OF resolves no finer than the store's clock
      sleep(1100);
      Instant between = Instant.now();
      sleep(1100);
      Opaque.append(t, "later", 1);
      TableVersion asOf = t.asOf(between);
      assertEquals(2, asOf.version(), "AS OF between the fast client's commit and a later one");
      assertEquals(List.of("fast-client", "first"), Opaque.labels(asOf));
      assertEquals(3, t.asOf(Instant.now().plusSeconds(1)).version(), "later AS OF sees the later commit");
      assertTrue(t.version(2).timestamp().isBefore(between.plusSeconds(1)));
      FloeException none = assertThrows(FloeException.class, () -> t.asOf(Instant.now().minus(Duration.ofDays(1))));
      assertEquals(ErrorCode.TABLE_NOT_FOUND, none.code());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void anAppendCostsOneListingTheSegmentsOneManifestOneRecordAndOneHint(Backend b) {
    try (b) {
      CountingStore counting = new CountingStore(b.open());
      try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
        Table t = f.create("t", CatalogTest.SCHEMA);
        Opaque.append(t, "warm-up", 1);
        counting.reset();
        Opaque.append(t, "x", 1);
        CountingStore.Counts c = counting.counts();
        assertEquals(1, c.requests(StoreOp.LIST), "head: one listing after the known version");
        assertEquals(0, c.requests(StoreOp.GET));
        assertEquals(3, c.requests(StoreOp.PUT), "1 segment + 1 manifest + 1 hint");
        assertEquals(1, c.requests(StoreOp.PUT_IF_ABSENT), "the log record");
        assertEquals(5, c.totalRequests());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aWarmReaderAsksTheStoreOnlyForTheHead(Backend b) {
    try (b; FloeStore w = b.floe()) {
      Table t = w.create("t", CatalogTest.SCHEMA);
      for (int i = 0; i < 10; i++) {
        Opaque.append(t, "s" + i, 1);
      }
      CountingStore counting = new CountingStore(b.open());
      try (FloeStore r = FloeStore.open(counting, FloeOptions.defaults())) {
        Table rt = r.table("t");
        assertEquals(10, rt.latest().segments().size());
        counting.reset();
        assertEquals(10, rt.latest().segments().size());
        assertEquals(1, counting.counts().totalRequests(), "only the head listing");
        Opaque.append(t, "s10", 1);
        counting.reset();
        assertEquals(11, rt.latest().segments().size());
        assertEquals(3, counting.counts().totalRequests(), "listing + the new record + its new manifest");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void historyAndPinnedVersions(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", CatalogTest.SCHEMA);
      List<Long> hlcs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        hlcs.add(Opaque.append(t, "s" + i, 1).hlc());
      }
      TableVersion v1 = t.version(1);
      Opaque.append(t, "s3", 1);
      assertEquals(List.of("s0"), Opaque.labels(v1), "a pinned version never changes");
      assertEquals(Operation.APPEND, v1.operation());
      assertEquals(hlcs.get(0), v1.hlc());
      assertEquals(Hlc.instant(v1.hlc()), v1.timestamp());
      FloeException e = assertThrows(FloeException.class, () -> t.version(99));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
