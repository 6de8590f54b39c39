package dev.floe.storage.table;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Store requests a caller starts before it needs their answers, so that independent requests are
 * in flight together (one round trip instead of several). At most {@value #IN_FLIGHT} at once per
 * JVM, on daemon threads that end after a minute idle; more wait their turn. These are waits on
 * the network, not work for the cores, so they do not share {@link ReadAhead}'s per-core pool
 * (where ten manifests would go two at a time, and a metadata request could queue behind segment
 * decoding). A request's failure surfaces, unchanged, where it is awaited ({@link ReadAhead#await}).
 */
final class Requests {
  static final int IN_FLIGHT = 32;

  private static final ExecutorService POOL = pool();

  private static ExecutorService pool() {
    java.util.concurrent.ThreadPoolExecutor p = new java.util.concurrent.ThreadPoolExecutor(IN_FLIGHT, IN_FLIGHT,
        1, java.util.concurrent.TimeUnit.MINUTES, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "floe-request");
          t.setDaemon(true);
          return t;
        });
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  private Requests() {}

  static <T> Future<T> start(Callable<T> request) {
    return dev.floe.storage.io.Pacing.submit(POOL, request);
  }
}
