package dev.floe.storage.table;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The daemon threads that fetch and decode segments ahead of scans, shared by every scan in the
 * JVM. A task's failure surfaces, unchanged, in the thread that awaits it.
 *
 * <p>How many segments a scan keeps in flight is sized by the store's latency, not by cores: a
 * scan starts at {@link #DEPTH} ahead once past its first segment and doubles, up to {@link
 * #MAX_DEPTH}, each time it finds the next segment still being fetched ({@code TableScan}). On a
 * local disk the reader rarely waits and the depth stays small; behind 20-100 ms round trips it
 * grows until fetches overlap enough to keep the reader busy. Threads mostly wait on the network,
 * so there are more of them than cores.
 */
final class ReadAhead {
  /** Segments read ahead of the one being consumed, once a scan is past its first segment. */
  static final int DEPTH = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** The most segments one scan reads ahead (decoded, a segment of 100,000 rows of 3 columns is ~3 MB). */
  static final int MAX_DEPTH = Math.max(16, DEPTH);

  private static final ExecutorService POOL = Executors.newFixedThreadPool(2 * MAX_DEPTH, r -> {
    Thread t = new Thread(r, "floe-read-ahead");
    t.setDaemon(true);
    return t;
  });

  private ReadAhead() {}

  static <T> Future<T> submit(Callable<T> task) {
    return dev.floe.storage.io.Pacing.submit(POOL, task);
  }

  /** The task's result; its exception as thrown if it failed (runtime exceptions and errors). */
  static <T> T await(Future<T> f) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true; // finish the wait: the scan must not lose its place
        }
      }
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
