package dev.floe.storage.commit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's clock as seen by one client: the latest store time observed (the time a put
 * returned), advanced by the time elapsed since ({@link #now}). Also checks the client's wall clock
 * against it: past {@code warnAfter} it logs a warning; past {@code refuseAfter} it refuses to
 * commit with {@link ErrorCode#CLOCK_SKEW}. No ordering and no timeout depends on the client clock.
 * Thread-safe.
 */
public final class StoreClock {
  private static final Logger LOG = LoggerFactory.getLogger(StoreClock.class);

  /** Warn past 5 minutes of skew, refuse past 12 hours. */
  public static final Duration DEFAULT_WARN = Duration.ofMinutes(5);

  public static final Duration DEFAULT_REFUSE = Duration.ofHours(12);

  private final Clock client;
  private final Duration warnAfter;
  private final Duration refuseAfter;
  private Instant observed;
  private long observedAtNanos;
  /** The client clock's reading at the observation, in milliseconds. */
  private long observedAtClientMillis;
  private volatile boolean warned;

  public StoreClock(Clock client, Duration warnAfter, Duration refuseAfter) {
    this.client = client;
    this.warnAfter = warnAfter;
    this.refuseAfter = refuseAfter;
  }

  /** Records a store time the store just returned. */
  public synchronized void observe(Instant storeTime) {
    if (storeTime == null) {
      return;
    }
    long nowNanos = dev.floe.storage.io.Pacing.nanoTime();
    long nowClient = client.millis();
    Instant estimate = observed == null ? null : estimate(nowNanos, nowClient);
    if (estimate == null || storeTime.isAfter(estimate) || storeTime.isBefore(estimate.minusSeconds(1))) {
      observed = storeTime;
      observedAtNanos = nowNanos;
      observedAtClientMillis = nowClient;
    }
  }

  /** Whether any store time has been observed. */
  public synchronized boolean hasObservation() {
    return observed != null;
  }

  /**
   * The estimated store time now, or empty if nothing was observed yet: the last observation
   * advanced by the time elapsed since, the larger of the monotonic clock's and the client clock's
   * (the monotonic clock stops while a machine sleeps, so after a laptop's night it alone would
   * stamp commits hours in the past; the wall clock only ever adds elapsed time, never sets it).
   */
  public synchronized java.util.Optional<Instant> now() {
    if (observed == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(estimate(dev.floe.storage.io.Pacing.nanoTime(), client.millis()));
  }

  private Instant estimate(long nowNanos, long nowClientMillis) {
    long byMonotonic = nowNanos - observedAtNanos;
    long byClient = Math.multiplyExact(Math.max(0, nowClientMillis - observedAtClientMillis), 1_000_000L);
    return observed.plusNanos(Math.max(byMonotonic, byClient));
  }

  /**
   * Checks the client clock against {@code storeNow}.
   *
   * @throws FloeException {@link ErrorCode#CLOCK_SKEW} past the refuse bound
   */
  public void check(Instant storeNow, String where) {
    Duration skew = Duration.between(storeNow, client.instant()).abs();
    if (skew.compareTo(refuseAfter) > 0) {
      throw new FloeException(ErrorCode.CLOCK_SKEW, null,
          "refusing to commit to " + where + ": this client's clock (" + client.instant()
              + ") differs from the store's (" + storeNow + ") by " + skew + ", more than the bound of "
              + refuseAfter + "; fix the client's clock (NTP), or raise the bound if the store's"
              + " clock is the wrong one", null);
    }
    if (skew.compareTo(warnAfter) > 0 && !warned) {
      warned = true;
      LOG.warn("this client's clock differs from the store's by " + skew + " (bound "
          + warnAfter + "); timestamps come from the store, so commits stay ordered, but fix the"
          + " client's clock");
    }
  }

  /** The client clock this was built with. */
  public Clock client() {
    return client;
  }
}
