package dev.floe.storage.io;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Where the storage code's background work, waits, elapsed time and fresh ids come from: normally
 * thread pools, {@link Thread#sleep}, {@link System#nanoTime} and random UUIDs. A deterministic
 * simulator installs a {@link Pacer} on the threads it drives; on such a thread every task the
 * storage code would hand to a pool runs inline on that thread (so all store calls of one client
 * happen on its own thread, in program order), and waits, elapsed time and ids come from the
 * pacer (simulated time, seeded ids). Threads without a pacer are unaffected: the hook costs one
 * thread-local read.
 */
public final class Pacing {
  /** A simulator's source of time and ids for the threads it drives. */
  public interface Pacer {
    /** Monotonic time in nanoseconds, as {@link System#nanoTime}. */
    long nanoTime();

    /** Waits {@code d} (simulated: may hand the turn to another simulated client). */
    void sleep(Duration d) throws InterruptedException;

    /** A fresh id in place of {@link UUID#randomUUID}. */
    UUID uuid();
  }

  private static final ThreadLocal<Pacer> CURRENT = new ThreadLocal<>();

  private Pacing() {}

  /** Installs {@code pacer} on the calling thread (null removes it). */
  public static void install(Pacer pacer) {
    if (pacer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(pacer);
    }
  }

  /** Whether the calling thread is driven by a pacer (runs tasks inline, simulated time). */
  public static boolean paced() {
    return CURRENT.get() != null;
  }

  /**
   * Runs {@code task} on {@code pool}, or inline on a paced thread (returning its completed
   * future; an {@link Error} such as a simulated crash is thrown at once, as a dead process
   * would not go on).
   */
  public static <T> Future<T> submit(ExecutorService pool, Callable<T> task) {
    if (!paced()) {
      return pool.submit(task);
    }
    try {
      return CompletableFuture.completedFuture(task.call());
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@link System#nanoTime}, or the pacer's simulated time. */
  public static long nanoTime() {
    Pacer p = CURRENT.get();
    return p == null ? System.nanoTime() : p.nanoTime();
  }

  /** {@link Thread#sleep}, or the pacer's simulated wait. */
  public static void sleep(Duration d) throws InterruptedException {
    Pacer p = CURRENT.get();
    if (p == null) {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    } else {
      p.sleep(d);
    }
  }

  /** {@link UUID#randomUUID}, or the pacer's seeded id. */
  public static UUID uuid() {
    Pacer p = CURRENT.get();
    return p == null ? UUID.randomUUID() : p.uuid();
  }
}
