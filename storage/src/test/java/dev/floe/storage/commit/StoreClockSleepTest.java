package dev.floe.storage.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The store time a client estimates keeps up with time that passed while the machine slept: the
 * monotonic clock stops then, so an estimate from it alone stamped commits that write no object
 * (ADD COLUMN, DROP) hours in the past after a laptop's night.
 */
class StoreClockSleepTest {
  /** A client clock the test moves by hand, as the wall clock moves across a suspend. */
  private static final class Wall extends Clock {
    private Instant now = Instant.parse("2026-12-07T08:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void timeSpentAsleepAdvancesTheEstimate() {
    Wall wall = new Wall();
    StoreClock clock = new StoreClock(wall, StoreClock.DEFAULT_WARN, StoreClock.DEFAULT_REFUSE);
    assertFalse(clock.now().isPresent());
    Instant store = Instant.parse("2026-12-07T08:00:02Z");
    clock.observe(store);
    Instant awake = clock.now().orElseThrow();
    assertTrue(Duration.between(store, awake).toSeconds() < 5, "no sleep: about the observation, " + awake);

    wall.now = wall.now.plus(Duration.ofHours(9)); // the lid was closed overnight: no monotonic time passed
    Instant morning = clock.now().orElseThrow();
    assertTrue(!morning.isBefore(store.plus(Duration.ofHours(9))), "the night counts: " + morning);

    wall.now = wall.now.minus(Duration.ofHours(20)); // a wall clock set back never moves the estimate back
    assertFalse(clock.now().orElseThrow().isBefore(store), "never before the observation");
    clock.observe(store.plus(Duration.ofHours(9)).plusSeconds(1)); // a fresh observation re-anchors
    assertEquals(store.plus(Duration.ofHours(9)).plusSeconds(1).getEpochSecond(),
        clock.now().orElseThrow().getEpochSecond(), "anchored at the new observation");
  }
}
