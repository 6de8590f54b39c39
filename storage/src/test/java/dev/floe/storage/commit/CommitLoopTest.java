package dev.floe.storage.commit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.FaultInjectingStore.Fault;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.RetryPolicy;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommitLoopTest {
  private final ObjectStore store = MemoryStore.open("loop-" + UUID.randomUUID());
  private static final CommitPolicy FAST = new CommitPolicy(
      new RetryPolicy(50, Duration.ofMillis(1), Duration.ofMillis(5)), 4,
      new RetryPolicy(4, Duration.ZERO, Duration.ZERO));

  private CommitLoop<String> loop(ObjectStore s) {
    return new CommitLoop<>(new SequencedLog(s, "t/log/"), new TextCodec(), FAST);
  }

  /** Appends "payload" to the base's list of payloads: doubling would show as a repeated entry. */
  private static Rebase<String> appendPayload(TxnId txn, String payload) {
    return base -> txn + "|" + TextCodec.payload(base.record()) + "," + payload;
  }

  private void init() {
    loop(store).createFirst(new TxnId("init"), "init|");
  }

  @Test
  void commitsOnTheNextVersionAndWritesTheHint() {
    init();
    TxnId t = TxnId.random();
    Committed<String> c = loop(store).commit(t, null, appendPayload(t, "a"));
    assertEquals(1, c.version());
    assertEquals(1, c.attempts());
    // the version, a newline, then the record exactly as stored (format §2.4)
    assertEquals("1\n" + new String(store.get("t/log/00000000000000000001.json"), UTF_8),
        new String(store.get("t/log/_head"), UTF_8));
  }

  /** A cold reader of a log whose hint is current: the hint and one listing, no record read. */
  @Test
  void aCurrentHintWithItsRecordCostsOneReadAndOneListing() {
    init();
    TxnId t = TxnId.random();
    loop(store).commit(t, null, appendPayload(t, "a"));
    dev.floe.storage.io.CountingStore counting = new dev.floe.storage.io.CountingStore(store);
    Versioned<String> head = loop(counting).head().orElseThrow();
    assertEquals(1, head.version());
    assertEquals(",a", TextCodec.payload(head.record()));
    assertEquals(1, counting.counts().requests(StoreOp.GET), "the hint only: its copy stands in for the record");
    assertEquals(1, counting.counts().requests(StoreOp.LIST));
    assertEquals(2, counting.counts().totalRequests());
  }

  /** A hint whose copy is not the listed record's size is not trusted: the record is read. */
  @Test
  void aDamagedCopyIsNotTrustedAndTheRecordIsRead() {
    init();
    TxnId t = TxnId.random();
    loop(store).commit(t, null, appendPayload(t, "a"));
    String record = new String(store.get("t/log/00000000000000000001.json"), UTF_8);
    // same version, a copy that parses but differs in size from the stored record
    store.put("t/log/_head", ("1\n" + record + ",forged").getBytes(UTF_8));
    dev.floe.storage.io.CountingStore counting = new dev.floe.storage.io.CountingStore(store);
    assertEquals(",a", TextCodec.payload(loop(counting).head().orElseThrow().record()));
    assertEquals(2, counting.counts().requests(StoreOp.GET), "the hint, then the record itself");
    // a copy that does not parse, of the right size: the record is read too
    store.put("t/log/_head", ("1\n" + "x".repeat(record.length())).getBytes(UTF_8));
    assertEquals(",a", TextCodec.payload(loop(store).head().orElseThrow().record()));
  }

  /** A hint (with its copy) left behind by later commits: the listing finds the true head. */
  @Test
  void aStaleHintWithACopyIsOvertakenByTheListing() {
    init();
    TxnId t = TxnId.random();
    loop(store).commit(t, null, appendPayload(t, "a"));
    byte[] staleHint = store.get("t/log/_head");
    TxnId u = TxnId.random();
    loop(store).commit(u, null, appendPayload(u, "b"));
    store.put("t/log/_head", staleHint); // the writer of version 2 crashed before its hint
    Versioned<String> head = loop(store).head().orElseThrow();
    assertEquals(2, head.version());
    assertEquals(",a,b", TextCodec.payload(head.record()));
  }

  /** A hint naming a version that does not exist, with a copy: the copy is ignored, the log listed. */
  @Test
  void aCopyOfAVersionThatDoesNotExistIsIgnored() {
    init();
    store.put("t/log/_head", "5\nforged|,x".getBytes(UTF_8));
    Versioned<String> head = loop(store).head().orElseThrow();
    assertEquals(0, head.version());
    assertEquals("", TextCodec.payload(head.record()));
    // a hint in the first format (the decimal alone) still works: the record is read
    store.put("t/log/_head", "0".getBytes(UTF_8));
    assertEquals(0, loop(store).head().orElseThrow().version());
  }

  /** DESIGN §10.1: the commit PUT lands, its reply is lost; the retry must find its own txnId. */
  @Test
  void lostReplyOfALandedCommitIsSettledAsCommittedNotDoubled() {
    init();
    FaultInjectingStore faulty = new FaultInjectingStore(store).inject(StoreOp.PUT_IF_ABSENT, 1, Fault.LOSE_REPLY);
    TxnId t = TxnId.random();
    Committed<String> c = loop(faulty).commit(t, null, appendPayload(t, "a"));
    assertEquals(1, c.version());
    assertFalse(new SequencedLog(store, "t/log/").exists(2), "no second record: the append was not doubled");
    assertEquals(",a", TextCodec.payload(loop(store).head().orElseThrow().record()));
  }

  /** A lost reply while another writer took the key: settled as a conflict, then rebased once. */
  @Test
  void lostReplyOfACommitThatDidNotLandRebases() {
    init();
    FaultInjectingStore faulty = new FaultInjectingStore(store);
    TxnId other = TxnId.random();
    // before our put: another writer commits version 1; our put then fails with a lost reply
    faulty.beforeCall(StoreOp.PUT_IF_ABSENT, 1, k -> loop(store).commit(other, null, appendPayload(other, "b")));
    faulty.inject(StoreOp.PUT_IF_ABSENT, 1, Fault.FAIL);
    TxnId t = TxnId.random();
    // FAIL is a definite failure (nothing written): surfaces as a store error, not as success
    FloeException e = assertThrows(FloeException.class, () -> loop(faulty).commit(t, null, appendPayload(t, "a")));
    assertEquals(ErrorCode.STORE_UNAVAILABLE, e.code());
    FaultInjectingStore lost = new FaultInjectingStore(store);
    TxnId other2 = TxnId.random();
    lost.beforeCall(StoreOp.PUT_IF_ABSENT, 1, k -> loop(store).commit(other2, null, appendPayload(other2, "c")));
    lost.inject(StoreOp.PUT_IF_ABSENT, 1, Fault.LOSE_REPLY);
    TxnId t2 = TxnId.random();
    Committed<String> c = loop(lost).commit(t2, loop(store).read(1), appendPayload(t2, "a"));
    assertEquals(3, c.version());
    assertEquals(",b,c,a", TextCodec.payload(loop(store).head().orElseThrow().record()));
  }

  @Test
  void anUnsettledOutcomeIsUnknownAndNeverCleanedUp() {
    init();
    FaultInjectingStore faulty = new FaultInjectingStore(store);
    for (int i = 1; i <= 10; i++) {
      faulty.inject(StoreOp.PUT_IF_ABSENT, i, Fault.LOSE_REPLY);
    }
    for (int i = 1; i <= 10; i++) {
      faulty.inject(StoreOp.GET, i, Fault.FAIL);
    }
    TxnId t = TxnId.random();
    CommitStateUnknownException e = assertThrows(CommitStateUnknownException.class,
        () -> loop(faulty).commit(t, loop(store).read(0), appendPayload(t, "a")));
    assertEquals("t/log/00000000000000000001.json", e.key());
    assertEquals(ErrorCode.COMMIT_STATE_UNKNOWN, e.code());
    assertEquals(0, faulty.calls(StoreOp.DELETE));
    // it did land (the lost replies hid it): a fresh reader sees it
    assertEquals(t, new TextCodec().txnId(loop(store).head().orElseThrow().record()));
  }

  /** DESIGN §10.4: a writer read head 3, others commit to 500; its put of log/4 fails and it rebases. */
  @Test
  void staleWriterAfterManyCommitsRebasesOntoTheTrueHead() {
    init();
    CommitLoop<String> l = loop(store);
    for (int i = 1; i <= 3; i++) {
      TxnId t = TxnId.random();
      l.commit(t, null, appendPayload(t, "s" + i));
    }
    Versioned<String> stale = l.read(3);
    for (int i = 4; i <= 500; i++) {
      TxnId t = TxnId.random();
      l.commit(t, null, appendPayload(t, "o"));
    }
    TxnId t = TxnId.random();
    List<Long> bases = new ArrayList<>();
    Committed<String> c = l.commit(t, stale, b -> {
      bases.add(b.version());
      return t + "|" + TextCodec.payload(b.record()) + ",late";
    });
    assertEquals(501, c.version());
    assertEquals(List.of(3L, 4L, 500L), bases, "one failed put at 4, then one listing to the true head");
    assertTrue(c.record().endsWith(",late"));
    assertEquals(501, TextCodec.payload(c.record()).split(",").length - 1, "3 + 497 + this one, none lost");
  }

  @Test
  void nonRetryableConflictFromApplyIsNotRetried() {
    init();
    AtomicInteger calls = new AtomicInteger();
    TxnId t = TxnId.random();
    CommitConflictException e = assertThrows(CommitConflictException.class, () -> loop(store).commit(t, null, b -> {
      calls.incrementAndGet();
      throw new CommitConflictException(false, "gone");
    }));
    assertFalse(e.retryable());
    assertEquals(1, calls.get());
  }

  @Test
  void retriesAreBoundedAndTheLoserGetsARetryableConflict() {
    init();
    CommitLoop<String> bounded = new CommitLoop<>(new SequencedLog(store, "t/log/"), new TextCodec(),
        FAST.withRetry(new RetryPolicy(3, Duration.ZERO, Duration.ZERO)));
    TxnId t = TxnId.random();
    CommitConflictException e = assertThrows(CommitConflictException.class, () -> bounded.commit(t, null, b -> {
      TxnId o = TxnId.random();
      loop(store).commit(o, null, appendPayload(o, "x")); // someone always wins first
      return t + "|" + TextCodec.payload(b.record());
    }));
    assertTrue(e.retryable());
    assertEquals(ErrorCode.CONFLICT, e.code());
    assertEquals("40001", e.sqlState());
  }

  @Test
  void concurrentCommittersEachLandExactlyOnce() throws Exception {
    init();
    int threads = 8;
    int per = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int ww = w;
      fs.add(pool.submit(() -> {
        CommitLoop<String> l = loop(MemoryStore.open(storeName()));
        for (int i = 0; i < per; i++) {
          TxnId t = TxnId.random();
          l.commit(t, null, appendPayload(t, ww + ":" + i));
        }
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    String head = loop(store).head().orElseThrow().record();
    List<String> items = new ArrayList<>(List.of(TextCodec.payload(head).substring(1).split(",")));
    assertEquals(threads * per, items.size());
    Collections.sort(items);
    assertEquals(threads * per, items.stream().distinct().count());
  }

  private String storeName() {
    return store.location().substring("mem:".length());
  }

  @Test
  void hlcIsMonotoneWhateverTheStoreTime() {
    java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
    long a = Hlc.next(-1, t0);
    long b = Hlc.next(a, t0.minusSeconds(3600));
    long c = Hlc.next(b, t0.plusSeconds(1));
    assertEquals(Hlc.micros(t0), a);
    assertEquals(a + 1, b);
    assertEquals(Hlc.micros(t0.plusSeconds(1)), c);
    assertEquals(t0, Hlc.instant(a));
  }
}
