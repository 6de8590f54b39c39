package dev.floe.storage.commit;

import dev.floe.storage.io.RetryPolicy;
import java.time.Duration;

/**
 * Bounds of a commit loop.
 *
 * @param retry attempts at the log record after conflicts, with jittered exponential backoff
 * @param settleAttempts attempts at settling a lost reply by re-putting the same bytes
 * @param settleBackoff backoff between settle attempts
 */
public record CommitPolicy(RetryPolicy retry, int settleAttempts, RetryPolicy settleBackoff) {

  /**
   * 100 attempts, backoff from 1 ms doubling to 250 ms; 8 settle attempts. Appends only fail if
   * others win 100 times in a row; fairness among hot appenders is not promised.
   */
  public static final CommitPolicy DEFAULT =
      new CommitPolicy(
          new RetryPolicy(100, Duration.ofMillis(1), Duration.ofMillis(250)),
          8,
          new RetryPolicy(8, Duration.ofMillis(50), Duration.ofSeconds(2)));

  public CommitPolicy {
    if (settleAttempts < 1) {
      throw new IllegalArgumentException("settleAttempts must be at least 1");
    }
  }

  public CommitPolicy withRetry(RetryPolicy value) {
    return new CommitPolicy(value, settleAttempts, settleBackoff);
  }
}
