package dev.floe.storage.table;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The daemon threads that fetch and decode segments ahead of scans, one per core, shared by every
 * scan in the JVM. A task's failure surfaces, unchanged, in the thread that awaits it.
 */
final class ReadAhead {
  /** Segments read ahead of the one being consumed, once a scan is past its first segment. */
  static final int DEPTH = Math.max(1, Runtime.getRuntime().availableProcessors());

  private static final ExecutorService POOL = Executors.newFixedThreadPool(DEPTH, r -> {
    Thread t = new Thread(r, "floe-read-ahead");
    t.setDaemon(true);
    return t;
  });

  private ReadAhead() {}

  static <T> Future<T> submit(Callable<T> task) {
    return POOL.submit(task);
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
