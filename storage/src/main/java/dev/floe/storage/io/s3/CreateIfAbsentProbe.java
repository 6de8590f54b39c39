package dev.floe.storage.io.s3;

import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.StoreException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The self-test of create-if-absent that guards every write of an {@link S3Store}: {@link
 * #THREADS} threads start together and each puts its own bytes with {@code If-None-Match: *} to
 * one fresh key under {@value #PREFIX}. Passing means exactly one got CREATED, all others
 * ALREADY_EXISTS, and the stored bytes are the winner's. The probe keys are deleted afterwards.
 *
 * <p>It runs once per store instance, on the first write. A pass or a failure is remembered; a
 * test that could not finish (the server was unreachable) is not, and runs again on the next
 * write. A failure makes every later write throw {@link Kind#UNSAFE_STORE}.
 */
final class CreateIfAbsentProbe {
  /** Reserved key prefix of the probe objects; never listed. */
  static final String PREFIX = "_probe/";
  static final int THREADS = 8;

  private final S3Store store;
  private volatile boolean safe;
  private volatile StoreException unsafe;

  CreateIfAbsentProbe(S3Store store) {
    this.store = store;
  }

  /** Returns if the store passed the self-test (running it first if needed); throws otherwise. */
  void ensureSafe() {
    if (safe) {
      return;
    }
    synchronized (this) {
      if (!safe && unsafe == null) {
        String problem = runOnce();
        if (problem == null) {
          safe = true;
        } else {
          unsafe = new StoreException(Kind.UNSAFE_STORE, null,
              "Floe refuses to write to " + store.location() + ": the server does not honour"
                  + " create-if-absent (PUT with If-None-Match: *): " + problem + ". Concurrent"
                  + " commits would overwrite each other. Use a server that supports conditional"
                  + " writes (AWS S3, MinIO, s3proxy 2.4+); reading works as before");
        }
      }
    }
    if (unsafe != null) {
      throw new StoreException(unsafe.kind(), null, unsafe.getMessage());
    }
  }

  /** Runs the test; returns null when the store passed, else what went wrong. */
  private String runOnce() {
    String key = PREFIX + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "floe-s3-probe");
      t.setDaemon(true);
      return t;
    });
    CountDownLatch go = new CountDownLatch(1);
    List<Future<CreateResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < THREADS; i++) {
        byte[] mine = ("probe-" + i).getBytes(StandardCharsets.US_ASCII);
        results.add(pool.submit(() -> {
          go.await();
          return store.conditionalPut(key, mine);
        }));
      }
      go.countDown();
      int winner = -1;
      int winners = 0;
      for (int i = 0; i < THREADS; i++) {
        CreateResult r = await(results.get(i));
        if (r == CreateResult.CREATED) {
          winners++;
          winner = i;
        }
      }
      if (winners != 1) {
        return winners + " of " + THREADS + " concurrent conditional puts to one new key succeeded,"
            + " exactly 1 must";
      }
      byte[] stored;
      try {
        stored = store.get(key);
      } catch (StoreException e) {
        throw new StoreException(e.kind() == Kind.NOT_FOUND ? Kind.UNAVAILABLE : e.kind(), null,
            "nothing was written: the create-if-absent self-test could not read back its probe ("
                + e.getMessage() + ")", e);
      }
      if (!Arrays.equals(stored, ("probe-" + winner).getBytes(StandardCharsets.US_ASCII))) {
        return "the probe object does not hold the bytes of the one put that succeeded";
      }
      return null;
    } finally {
      pool.shutdownNow();
      try {
        store.deleteUnchecked(key);
      } catch (StoreException e) {
        // a left-over probe object is harmless: the prefix is reserved and never listed
      }
    }
  }

  private static CreateResult await(Future<CreateResult> f) {
    try {
      return f.get(10, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof StoreException se) {
        // never pass on the probe's own unknown outcome: the caller's write was not even sent
        Kind kind = se.kind() == Kind.UNKNOWN_OUTCOME || se.kind() == Kind.NOT_FOUND
            ? Kind.UNAVAILABLE : se.kind();
        throw new StoreException(kind, null, "nothing was written: the create-if-absent self-test"
            + " that precedes the first write could not finish (" + se.getMessage() + ")", se);
      }
      throw new StoreException(Kind.IO, null, "the create-if-absent self-test failed: " + e.getCause(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(Kind.IO, null, "interrupted during the create-if-absent self-test", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new StoreException(Kind.UNAVAILABLE, null, "the create-if-absent self-test timed out", e);
    }
  }
}
