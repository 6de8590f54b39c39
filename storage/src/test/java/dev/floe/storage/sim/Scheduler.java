package dev.floe.storage.sim;

import dev.floe.storage.io.FaultInjectingStore.Fault;
import dev.floe.storage.io.Pacing;
import dev.floe.storage.io.StoreOp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The baton: each simulated client runs on its own thread, but only the client the seeded
 * generator picks proceeds at each store call (or simulated sleep); every other client thread is
 * parked at its own next call. So the interleaving, the faults and the simulated time are
 * functions of the seed alone, never of the JVM's thread scheduling.
 *
 * <p>A pick happens only when no client is running (each is parked at a call or done); the thread
 * that made the last one stop picks and wakes the next directly. At each turn the scheduler also
 * decides the call's fault ({@link Fault}), advances the simulated clock by a small delay, and
 * sometimes pauses the chosen client: the clock jumps past VACUUM's grace period and the client is
 * passed over for a number of turns, as a stopped process would be.
 */
final class Scheduler {
  /** The simulated start: every store time and HLC is this plus simulated nanoseconds. */
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private enum State { RUNNING, WAITING, DONE }

  /** One client's place at the baton. */
  private static final class Slot {
    final Condition go;
    State state = State.DONE;
    boolean granted;
    Fault fault;
    StoreOp op;
    String key;
    long sleepNanos;
    int pausedUntilTurn;

    Slot(Condition go) {
      this.go = go;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition roundOver = lock.newCondition();
  private final Random rng;
  private final SimConfig config;
  private final Slot[] slots;
  private final Random[] ids;
  private long nanos;
  private int turns;
  private int roundStart;
  private int turnBound;
  private boolean overrun;
  /** What happened, for the report of a failing seed. */
  private final List<String> trace = new ArrayList<>();

  /** Whether the trace records every turn (to compare two runs of a seed), not only faults and pauses. */
  private final boolean traceAll;

  Scheduler(long seed, int clients, SimConfig config, boolean traceAll) {
    this.traceAll = traceAll;
    this.rng = new Random(SimConfig.mix(seed + 1));
    this.config = config;
    this.slots = new Slot[clients];
    this.ids = new Random[clients];
    for (int i = 0; i < clients; i++) {
      slots[i] = new Slot(lock.newCondition());
      ids[i] = new Random(SimConfig.mix(seed * 1_000_003L + i + 2));
    }
  }

  /** The generator that also drives the workload (one stream: the seed decides everything). */
  Random rng() {
    return rng;
  }

  long nanos() {
    lock.lock();
    try {
      return nanos;
    } finally {
      lock.unlock();
    }
  }

  /** The simulated clock as a {@link Clock}: client clocks and the store's own clock. */
  Clock clock() {
    return new Clock() {
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
        return EPOCH.plusNanos(nanos());
      }
    };
  }

  int turns() {
    lock.lock();
    try {
      return turns;
    } finally {
      lock.unlock();
    }
  }

  List<String> trace() {
    lock.lock();
    try {
      return List.copyOf(trace);
    } finally {
      lock.unlock();
    }
  }

  /** The pacer of client {@code c}'s threads: simulated time, seeded ids, sleeps as turns. */
  Pacing.Pacer pacer(int c) {
    return new Pacing.Pacer() {
      @Override
      public long nanoTime() {
        return nanos();
      }

      @Override
      public void sleep(Duration d) {
        turn(c, null, d.toNanos());
      }

      @Override
      public UUID uuid() {
        Random r = ids[c];
        synchronized (r) {
          return new UUID((r.nextLong() & ~0xF000L) | 0x4000L,
              (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        }
      }
    };
  }

  /** Marks client {@code c} as running an operation (before its thread starts). */
  void starting(int c) {
    lock.lock();
    try {
      slots[c].state = State.RUNNING;
      slots[c].granted = false;
    } finally {
      lock.unlock();
    }
  }

  /** Client {@code c}'s operation ended (normally, with an error, or crashed): the baton moves on. */
  void finished(int c) {
    lock.lock();
    try {
      slots[c].state = State.DONE;
      handOn();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Called by client {@code c}'s thread before a store call of kind {@code op} (null: a sleep of
   * {@code sleepNanos}); returns when the baton is handed to it, with the call's fault (null: none).
   */
  Fault turn(int c, StoreOp op, long sleepNanos) {
    return turn(c, op, null, sleepNanos);
  }

  /** As {@link #turn(int, StoreOp, long)}, naming the key (for the trace). */
  Fault turn(int c, StoreOp op, String key, long sleepNanos) {
    lock.lock();
    try {
      Slot s = slots[c];
      s.key = key;
      s.op = op;
      s.sleepNanos = sleepNanos;
      s.state = State.WAITING;
      handOn();
      while (!s.granted) {
        s.go.awaitUninterruptibly();
      }
      s.granted = false;
      return s.fault;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every client started with {@link #starting} has finished. Returns false if they
   * ran past {@code maxTurns} turns (a livelock: reported as a failure of the seed).
   */
  boolean runUntilAllDone(int maxTurns) {
    lock.lock();
    try {
      roundStart = turns;
      turnBound = maxTurns;
      overrun = false;
      handOn();
      long since = System.nanoTime(); // a watchdog only: it never decides anything the seed replays
      while (!allDone() && !overrun) {
        try {
          if (!roundOver.await(1, TimeUnit.SECONDS) && System.nanoTime() - since > 120_000_000_000L) {
            throw new IllegalStateException("a simulated client neither reached a store call nor finished in"
                + " 120 s (blocked outside the store?)");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return !overrun;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Once no client is running, picks the next one with the seeded generator, decides its call's
   * fault and delay, and wakes it; with nobody left to run, ends the round. Only the thread that
   * made the last running client stop finds nobody running, so exactly one pick happens per turn.
   * Called with the lock held.
   */
  private void handOn() {
    List<Integer> waiting = new ArrayList<>();
    List<Integer> awake = new ArrayList<>();
    for (int i = 0; i < slots.length; i++) {
      if (slots[i].state == State.RUNNING) {
        return;
      }
      if (slots[i].state == State.WAITING) {
        waiting.add(i);
        if (slots[i].pausedUntilTurn <= turns) {
          awake.add(i);
        }
      }
    }
    if (waiting.isEmpty()) {
      roundOver.signalAll();
      return;
    }
    if (turns - roundStart > turnBound) {
      overrun = true; // the waiting clients stay parked; their daemon threads die with the JVM
      roundOver.signalAll();
      return;
    }
    List<Integer> pool = awake.isEmpty() ? waiting : awake;
    int c = pool.get(rng.nextInt(pool.size()));
    Slot s = slots[c];
    turns++;
    if (traceAll) {
      note("turn " + turns + " client " + c + " " + (s.op == null ? "sleep " + s.sleepNanos : s.op + " " + s.key));
    }
    if (s.op == null) {
      nanos += s.sleepNanos;
      s.fault = null;
    } else {
      nanos += config.delayNanos(rng);
      s.fault = config.fault(rng, s.op);
      if (rng.nextDouble() < config.pauseProbability()) {
        Duration jump = config.pause(rng);
        nanos += jump.toNanos();
        s.pausedUntilTurn = turns + 5 + rng.nextInt(60);
        note("client " + c + " paused for " + jump.toMillis() + " ms before " + s.op);
      }
      if (s.fault != null) {
        note("client " + c + " " + s.op + ": " + s.fault);
      }
    }
    s.state = State.RUNNING;
    s.granted = true;
    s.go.signal();
  }

  private boolean allDone() {
    for (Slot s : slots) {
      if (s.state != State.DONE) {
        return false;
      }
    }
    return true;
  }

  /** Adds a line to the trace (lock held). */
  private void note(String line) {
    if (trace.size() < 200_000) {
      trace.add("t=" + nanos / 1_000_000 + "ms " + line);
    }
  }
}
