package dev.floe.storage.sim;

import dev.floe.storage.io.FaultInjectingStore.Fault;
import dev.floe.storage.io.StoreOp;
import java.time.Duration;
import java.util.Random;

/**
 * How hostile one simulated run is: fault, delay and pause rates, and the workload's size. Drawn
 * from the seed ({@link #of}), so some seeds are calm and some are stormy.
 *
 * @param faultProbability chance that a store call fails before effect (a 5xx) or loses its reply
 * @param crashProbability chance that a store call crashes its client (before or after the call)
 * @param pauseProbability chance that a client is stopped past VACUUM's grace before a call
 * @param grace VACUUM's grace period, simulated
 * @param clients logical clients (2-4)
 * @param rounds rounds of concurrent operations; the model is checked after each
 */
record SimConfig(double faultProbability, double crashProbability, double pauseProbability, Duration grace,
    int clients, int rounds) {

  static SimConfig of(Random rng, int rounds) {
    double storm = rng.nextInt(4) == 0 ? 0.0 : 1.0; // a quarter of the seeds run without faults
    return new SimConfig(storm * rng.nextDouble() * 0.04, storm * rng.nextDouble() * 0.004,
        rng.nextDouble() * 0.004, Duration.ofMillis(500 + rng.nextInt(2_000)), 2 + rng.nextInt(3), rounds);
  }

  /**
   * Spreads a seed over all 64 bits (SplitMix64's finalizer): {@link Random}'s first draws of
   * consecutive seeds are nearly equal, so seeds 1..N would otherwise all draw alike.
   */
  static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long delayNanos(Random rng) {
    return rng.nextInt(4) == 0 ? 0 : (50_000L + rng.nextInt(5_000_000));
  }

  Fault fault(Random rng, StoreOp op) {
    double x = rng.nextDouble();
    if (x < crashProbability) {
      return rng.nextBoolean() ? Fault.CRASH : Fault.CRASH_AFTER;
    }
    if (x < crashProbability + faultProbability) {
      return rng.nextBoolean() ? Fault.FAIL : Fault.LOSE_REPLY;
    }
    return null;
  }

  /** How long a paused client is stopped: past the grace period, sometimes past the transaction timeout. */
  Duration pause(Random rng) {
    return grace.plusMillis(1 + rng.nextInt((int) grace.toMillis() * 3));
  }
}
