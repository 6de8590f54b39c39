package dev.floe.storage.table;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Store requests a caller starts before it needs their answers, so that independent requests are
 * in flight together (one round trip instead of several). Daemon threads, created as needed and
 * kept a minute: these are waits on the network, not work for the cores, so they do not share
 * {@link ReadAhead}'s per-core pool (where a metadata request could queue behind segment decoding).
 * A request's failure surfaces, unchanged, where it is awaited ({@link ReadAhead#await}).
 */
final class Requests {
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "floe-request");
    t.setDaemon(true);
    return t;
  });

  private Requests() {}

  static <T> Future<T> start(Callable<T> request) {
    return POOL.submit(request);
  }
}
