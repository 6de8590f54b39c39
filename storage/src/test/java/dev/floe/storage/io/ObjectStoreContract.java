package dev.floe.storage.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.ObjectStore.CreateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link ObjectStore} backend must pass. A backend's test extends this class
 * and supplies a fresh, empty store per test, plus further clients of that same store.
 */
public abstract class ObjectStoreContract {

  protected ObjectStore store;

  /** A fresh, empty store for one test. */
  protected abstract ObjectStore newStore();

  /** Another client (its own connections) of the store {@link #newStore()} returned last. */
  protected abstract ObjectStore anotherClient();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void putIfAbsentThenGetRoundTrips() {
    assertEquals(CreateResult.CREATED, store.putIfAbsent("a/b/c.bin", b("hello")));
    assertArrayEquals(b("hello"), store.get("a/b/c.bin"));
  }

  @Test
  void emptyObjectRoundTrips() {
    assertEquals(CreateResult.CREATED, store.putIfAbsent("empty", new byte[0]));
    assertArrayEquals(new byte[0], store.get("empty"));
    assertArrayEquals(new byte[0], store.get("empty", 0, 0));
    assertEquals(0, store.list("empty", null).findFirst().orElseThrow().size());
  }

  @Test
  void putIfAbsentNeverOverwrites() {
    assertEquals(CreateResult.CREATED, store.putIfAbsent("k", b("first")));
    assertEquals(CreateResult.ALREADY_EXISTS, store.putIfAbsent("k", b("second")));
    assertArrayEquals(b("first"), store.get("k"));
    assertEquals(CreateResult.ALREADY_EXISTS, store.putIfAbsent("k", b("first")));
  }

  @Test
  void putReplacesAndReturnsStoreTime() {
    Instant t1 = store.put("hint", b("1"));
    Instant t2 = store.put("hint", b("22"));
    assertNotNull(t1);
    assertNotNull(t2);
    assertArrayEquals(b("22"), store.get("hint"));
    ObjectInfo info = store.list("hint", null).findFirst().orElseThrow();
    assertEquals(2, info.size());
    // the listing's time and the put's time are both the store's clock
    assertTrue(Duration.between(t2, info.lastModified()).abs().compareTo(Duration.ofSeconds(5)) < 0,
        "put time " + t2 + " vs listed " + info.lastModified());
    assertTrue(Duration.between(Instant.now(), t2).abs().compareTo(Duration.ofMinutes(5)) < 0);
  }

  @Test
  void getOfMissingKeyNamesKeyAndStore() {
    ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> store.get("no/such"));
    assertEquals(StoreException.Kind.NOT_FOUND, e.kind());
    assertEquals("no/such", e.key());
    assertTrue(e.getMessage().contains("no/such") && e.getMessage().contains(store.location()), e.getMessage());
    assertThrows(ObjectNotFoundException.class, () -> store.get("no/such", 0, 1));
  }

  @Test
  void rangedReadsAtTheEdges() {
    byte[] data = new byte[1000];
    new Random(1).nextBytes(data);
    store.putIfAbsent("r", data);
    assertArrayEquals(slice(data, 0, 1), store.get("r", 0, 1));
    assertArrayEquals(slice(data, 999, 1), store.get("r", 999, 1));
    assertArrayEquals(data, store.get("r", 0, 1000));
    assertArrayEquals(slice(data, 500, 250), store.get("r", 500, 250));
    assertArrayEquals(new byte[0], store.get("r", 1000, 0));
  }

  @Test
  void rangePastTheEndIsAnErrorNotAShortRead() {
    store.putIfAbsent("r", new byte[100]);
    for (long[] range : new long[][] {{0, 101}, {99, 2}, {100, 1}, {5000, 10}, {-1, 5}}) {
      StoreException e = assertThrows(StoreException.class, () -> store.get("r", range[0], (int) range[1]),
          "range " + range[0] + "+" + range[1]);
      assertEquals(StoreException.Kind.RANGE_NOT_SATISFIABLE, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("'r'"), e.getMessage());
    }
  }

  @Test
  void listIsSortedByKeyWithPrefixAndStartAfter() {
    // 't/a/c' sorts after 't/a-b' ('-' < '/'), although a tree walk would visit 't/a/' first
    List<String> keys = List.of("t/a.x", "t/a-b", "t/a/c", "t/b", "t/b0", "u/x", "t0");
    for (String k : keys) {
      store.putIfAbsent(k, b(k));
    }
    assertEquals(List.of("t/a-b", "t/a.x", "t/a/c", "t/b", "t/b0"), keys(store.list("t/", null)));
    assertEquals(List.of("t/a.x", "t/a/c", "t/b", "t/b0"), keys(store.list("t/", "t/a-b")));
    assertEquals(List.of("t/a-b", "t/a.x", "t/a/c"), keys(store.list("t/a", null)));
    assertEquals(List.of("t/b", "t/b0"), keys(store.list("t/b", null)));
    assertEquals(List.of("t/a-b", "t/a.x", "t/a/c", "t/b", "t/b0", "t0", "u/x"), keys(store.list("", null)));
    assertEquals(List.of("t/a-b", "t/a.x", "t/a/c", "t/b", "t/b0"), keys(store.list("t/", "a")),
        "startAfter before the prefix lists the whole prefix");
    assertEquals(List.of(), keys(store.list("t/", "t/zzz")));
    assertEquals(List.of(), keys(store.list("nothing/", null)));
    ObjectInfo first = store.list("t/", null).findFirst().orElseThrow();
    assertEquals(5, first.size());
    assertNotNull(first.lastModified());
  }

  @Test
  void listPagesAcrossManyKeys() {
    int n = 1_500; // more than one S3 page of 1,000
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String key = String.format("many/%05d", i);
        fs.add(pool.submit(() -> store.putIfAbsent(key, new byte[] {1})));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      pool.shutdownNow();
    }
    List<String> all = keys(store.list("many/", null));
    assertEquals(n, all.size());
    assertEquals(IntStream.range(0, n).mapToObj(i -> String.format("many/%05d", i)).toList(), all);
    List<String> tail = keys(store.list("many/", "many/00999"));
    assertEquals(500, tail.size());
    assertEquals("many/01000", tail.get(0));
    assertEquals(10, store.list("many/", "many/01489").count());
    // a lazy stream can stop early
    assertEquals(List.of("many/00000", "many/00001"),
        store.list("many/", null).limit(2).map(ObjectInfo::key).toList());
  }

  @Test
  void deleteIsIdempotentAndFreesTheKey() {
    store.delete("never/was");
    store.putIfAbsent("d", b("x"));
    store.delete("d");
    store.delete("d");
    assertThrows(ObjectNotFoundException.class, () -> store.get("d"));
    assertEquals(0, store.list("d", null).count());
    assertEquals(CreateResult.CREATED, store.putIfAbsent("d", b("y")));
    assertArrayEquals(b("y"), store.get("d"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs", "a//b", "a/../b", "..", "./a", "a/.hidden", "sp ace", "tab\t",
      "caf\u00e9", "back\\slash", "a/"})
  void invalidKeysAreRefusedBeforeAnyIo(String key) {
    for (Runnable call : List.<Runnable>of(
        () -> store.get(key), () -> store.get(key, 0, 1), () -> store.putIfAbsent(key, new byte[1]),
        () -> store.put(key, new byte[1]), () -> store.delete(key))) {
      StoreException e = assertThrows(StoreException.class, call::run);
      assertEquals(StoreException.Kind.INVALID_KEY, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("invalid object key"), e.getMessage());
    }
    assertEquals(0, store.list("", null).count(), "nothing was written");
  }

  @Test
  void largeObjectRoundTrips() {
    byte[] big = new byte[64 << 20];
    new Random(7).nextBytes(big);
    assertEquals(CreateResult.CREATED, store.putIfAbsent("big", big));
    assertArrayEquals(big, store.get("big"));
    assertArrayEquals(slice(big, big.length - 4096, 4096), store.get("big", big.length - 4096, 4096));
    assertEquals(big.length, store.list("big", null).findFirst().orElseThrow().size());
    store.delete("big");
  }

  @Test
  void exactlyOneWinnerPerRoundAcrossThreads() throws Exception {
    int threads = 8;
    int rounds = 200;
    List<ObjectStore> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      clients.add(t == 0 ? store : anotherClient());
    }
    CyclicBarrier barrier = new CyclicBarrier(threads);
    int[][] wins = new int[rounds][threads];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        fs.add(pool.submit(() -> {
          for (int r = 0; r < rounds; r++) {
            barrier.await(30, TimeUnit.SECONDS);
            if (clients.get(me).putIfAbsent("race/" + r, b("writer-" + me)) == CreateResult.CREATED) {
              wins[r][me] = 1;
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
      for (ObjectStore c : clients) {
        if (c != store) {
          c.close();
        }
      }
    }
    List<String> bad = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      int winner = -1;
      int count = 0;
      for (int t = 0; t < threads; t++) {
        if (wins[r][t] == 1) {
          count++;
          winner = t;
        }
      }
      if (count != 1) {
        bad.add("round " + r + ": " + count + " winners");
      } else {
        assertArrayEquals(b("writer-" + winner), store.get("race/" + r), "round " + r + " holds the winner's bytes");
      }
    }
    assertEquals(List.of(), bad);
  }

  protected static List<String> keys(Stream<ObjectInfo> s) {
    try (s) {
      return s.map(ObjectInfo::key).collect(Collectors.toList());
    }
  }

  private static byte[] slice(byte[] a, int from, int len) {
    byte[] out = new byte[len];
    System.arraycopy(a, from, out, 0, len);
    return out;
  }
}
