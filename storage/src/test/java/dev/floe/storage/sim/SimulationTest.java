package dev.floe.storage.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs the deterministic simulation ({@link Simulation}) over many seeds. Sizes come from system
 * properties so that {@code mvn -B verify} stays quick and a long run is one command:
 *
 * <ul>
 *   <li>{@code -Dfloe.sim.seeds=N} seeds (default 300), starting at {@code -Dfloe.sim.firstSeed}
 *       (default 1);
 *   <li>{@code -Dfloe.sim.rounds=R} rounds per seed (default 12);
 *   <li>{@code -Dfloe.sim.seed=S} runs exactly seed S (a failing seed prints this command).
 * </ul>
 *
 * <p>Shown to fail when a guard of the protocol is removed (each tried by hand and restored):
 * without the rewrite's check that the segments it removes are still in the base ({@code
 * Changes.rewrite}), seed 3 loses an update; with VACUUM expiring versions a snapshot pins, seed
 * 10's snapshot reads 72000; without the writers' check against VACUUM's announced list, seed 210
 * commits a staged segment a VACUUM deleted while its writer was paused (58P01 on every read).
 * Without VACUUM's grace period alone, 300 seeds still pass: the writers' check catches every
 * paused writer, as designed.
 */
class SimulationTest {

  @Test
  void seeds() {
    int rounds = Integer.getInteger("floe.sim.rounds", 12);
    String one = System.getProperty("floe.sim.seed");
    long first = one != null ? Long.parseLong(one) : Long.getLong("floe.sim.firstSeed", 1L);
    long count = one != null ? 1 : Long.getLong("floe.sim.seeds", 300L);
    long start = System.nanoTime();
    long ops = 0;
    long unknown = 0;
    long crashes = 0;
    long turns = 0;
    for (long seed = first; seed < first + count; seed++) {
      Simulation.Result r = new Simulation(seed, rounds).run();
      if (Boolean.getBoolean("floe.sim.summary")) {
        System.out.println(r.toString().replaceFirst(", trace=.*", "]"));
      }
      ops += r.ops();
      unknown += r.unknown();
      crashes += r.crashes();
      turns += r.turns();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("floe simulation: %d seeds (%d..%d) x %d rounds in %.1f s = %.1f seeds/s; %d operations"
        + " (%d unknown outcomes, %d crashes), %d store calls%n", count, first, first + count - 1, rounds, seconds,
        count / seconds, ops, unknown, crashes, turns);
    System.out.printf("checking took %.1f s, running %.1f s%n", Simulation.CHECK_NANOS.get() / 1e9,
        Simulation.RUN_NANOS.get() / 1e9);
    assertTrue(ops > 0);
  }

  /**
   * Determinism: two runs of one stormy seed (faults, crashes and pauses) make the same store calls
   * in the same order, with the same faults, at the same simulated times, and end the same way.
   */
  @Test
  void aSeedReplaysExactly() {
    long seed = Long.getLong("floe.sim.replaySeed", 1L);
    Simulation.Result first = new Simulation(seed, 12, true).run();
    Simulation.Result second = new Simulation(seed, 12, true).run();
    assertTrue(first.crashes() > 0 && first.unknown() > 0, "seed " + seed + " should crash a client: " + first);
    assertEquals(first.trace(), second.trace());
    assertTrue(first.trace().size() > first.turns(), "every turn is traced");
  }
}
