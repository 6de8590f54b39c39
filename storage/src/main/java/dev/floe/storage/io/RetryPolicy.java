package dev.floe.storage.io;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries with full-jitter exponential backoff: attempt {@code n} (1-based) waits a random
 * time in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]} before it runs again. Fairness among
 * competing clients is not promised.
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param baseDelay backoff ceiling after the first failure
 * @param maxDelay the largest backoff ceiling
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** Store requests: 4 attempts, 50 ms doubling up to 2 s. */
  public static final RetryPolicy STORE_DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(50), Duration.ofSeconds(2));

  /** No retry at all. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
  }

  /** Whether a call that failed on attempt {@code attempt} (1-based) may run again. */
  public boolean mayRetry(int attempt) {
    return attempt < maxAttempts;
  }

  /** The jittered wait before the attempt after {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    long ceiling = baseDelay.toNanos() << Math.min(30, Math.max(0, attempt - 1));
    if (ceiling <= 0 || ceiling > maxDelay.toNanos()) {
      ceiling = maxDelay.toNanos();
    }
    return ceiling == 0 ? Duration.ZERO : Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  /** Sleeps for {@link #backoff(int)}; keeps the interrupt flag and returns early if interrupted. */
  public void sleepBefore(int nextAttempt) {
    Duration d = backoff(nextAttempt - 1);
    if (d.isZero()) {
      return;
    }
    try {
      Pacing.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
