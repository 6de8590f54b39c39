package dev.floe.storage.io;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Wraps a store and injects faults at chosen calls, so that every step of a commit can be failed,
 * delayed, or made to look like a lost reply or a dead process, deterministically.
 *
 * <p>Calls are numbered from 1, per {@link StoreOp} and overall ({@code op == null} in a rule
 * means "the Nth call of any kind"). Rules are checked in the order they were added; the first
 * that matches applies. With {@link #random(ObjectStore, long, double)} faults are also drawn from
 * a seeded generator, so a failing run can be replayed from its seed.
 */
public final class FaultInjectingStore extends ForwardingStore {

  /** What happens at a matching call. */
  public enum Fault {
    /** Throw {@link StoreException} of kind UNAVAILABLE without touching the delegate. */
    FAIL,
    /**
     * Apply the call to the delegate, then throw as if its reply was lost: {@link
     * UnknownOutcomeException} for {@code putIfAbsent}, UNAVAILABLE for the rest.
     */
    LOSE_REPLY,
    /** Throw {@link SimulatedCrash} without touching the delegate; every later call throws too. */
    CRASH,
    /** Apply the call, then throw {@link SimulatedCrash}; every later call throws too. */
    CRASH_AFTER
  }

  private record Rule(StoreOp op, int n, Fault fault, Consumer<String> hook) {}

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicInteger[] perOp = new AtomicInteger[StoreOp.values().length];
  private final AtomicInteger total = new AtomicInteger();
  private final Random random;
  private final double probability;
  private final java.util.function.BiFunction<StoreOp, String, Fault> source;
  private volatile String crashedAt;

  public FaultInjectingStore(ObjectStore delegate) {
    this(delegate, null, 0, null);
  }

  private FaultInjectingStore(ObjectStore delegate, Random random, double probability,
      java.util.function.BiFunction<StoreOp, String, Fault> source) {
    super(delegate);
    this.random = random;
    this.probability = probability;
    this.source = source;
    for (int i = 0; i < perOp.length; i++) {
      perOp[i] = new AtomicInteger();
    }
  }

  /**
   * A store where each call independently fails ({@link Fault#FAIL} or {@link
   * Fault#LOSE_REPLY}, equally likely) with {@code probability}, drawn from {@code seed}.
   */
  public static FaultInjectingStore random(ObjectStore delegate, long seed, double probability) {
    return new FaultInjectingStore(delegate, new Random(seed), probability, null);
  }

  /**
   * A store that asks {@code source}, on the calling thread, before each call (that no rule
   * decided) what happens to it: a fault, or null for none. A deterministic simulator decides
   * there, and may block the caller until it is this client's turn.
   */
  public static FaultInjectingStore drivenBy(ObjectStore delegate, java.util.function.BiFunction<StoreOp, String, Fault> source) {
    return new FaultInjectingStore(delegate, null, 0, source);
  }

  /** Injects {@code fault} at the {@code n}th call of kind {@code op} (null: of any kind). */
  public FaultInjectingStore inject(StoreOp op, int n, Fault fault) {
    rules.add(new Rule(op, n, fault, null));
    return this;
  }

  /**
   * Runs {@code hook} with the key just before the {@code n}th call of kind {@code op} (null: any)
   * reaches the delegate, on the calling thread: to pause a writer at a chosen step (a latch), or
   * to let another client act in between.
   */
  public FaultInjectingStore beforeCall(StoreOp op, int n, Consumer<String> hook) {
    rules.add(new Rule(op, n, null, hook));
    return this;
  }

  /** Delays the {@code n}th call of kind {@code op} by {@code delay}. */
  public FaultInjectingStore delay(StoreOp op, int n, Duration delay) {
    return beforeCall(op, n, k -> sleep(delay));
  }

  /** Calls of kind {@code op} so far (null: all calls). */
  public int calls(StoreOp op) {
    return op == null ? total.get() : perOp[op.ordinal()].get();
  }

  /** Whether a simulated crash has happened. */
  public boolean crashed() {
    return crashedAt != null;
  }

  /** The underlying store, as the next process to start would see it. */
  public ObjectStore delegate() {
    return delegate;
  }

  @Override
  public byte[] get(String key) {
    return call(StoreOp.GET, key, () -> delegate.get(key));
  }

  @Override
  public byte[] get(String key, long offset, int length) {
    return call(StoreOp.GET_RANGE, key, () -> delegate.get(key, offset, length));
  }

  @Override
  public Stream<ObjectInfo> list(String prefix, String startAfter) {
    // materialized so that a fault applies to the listing as a whole
    return call(StoreOp.LIST, prefix, () -> {
      try (Stream<ObjectInfo> s = delegate.list(prefix, startAfter)) {
        return s.toList();
      }
    }).stream();
  }

  @Override
  public CreateResult putIfAbsent(String key, byte[] bytes) {
    return call(StoreOp.PUT_IF_ABSENT, key, () -> delegate.putIfAbsent(key, bytes));
  }

  @Override
  public Instant put(String key, byte[] bytes) {
    return call(StoreOp.PUT, key, () -> delegate.put(key, bytes));
  }

  @Override
  public void delete(String key) {
    call(StoreOp.DELETE, key, () -> {
      delegate.delete(key);
      return null;
    });
  }

  private <T> T call(StoreOp op, String key, Supplier<T> action) {
    String crash = crashedAt;
    if (crash != null) {
      throw new SimulatedCrash("process already crashed at " + crash);
    }
    int nOp = perOp[op.ordinal()].incrementAndGet();
    int nAll = total.incrementAndGet();
    Fault fault = null;
    for (Rule r : rules) {
      boolean match = r.op == null ? r.n == nAll : r.op == op && r.n == nOp;
      if (!match) {
        continue;
      }
      if (r.hook != null) {
        r.hook.accept(key);
      } else if (fault == null) {
        fault = r.fault;
      }
    }
    if (fault == null && source != null) {
      fault = source.apply(op, key);
    }
    if (fault == null && random != null) {
      synchronized (random) {
        if (random.nextDouble() < probability) {
          fault = random.nextBoolean() ? Fault.FAIL : Fault.LOSE_REPLY;
        }
      }
    }
    if (fault == null) {
      return action.get();
    }
    String where = op + " #" + nOp + " (call #" + nAll + ") of '" + key + "'";
    switch (fault) {
      case FAIL:
        throw new StoreException(StoreException.Kind.UNAVAILABLE, key,
            "injected failure at " + where + " in " + location());
      case CRASH:
        crashedAt = where;
        throw new SimulatedCrash("simulated crash before " + where);
      case CRASH_AFTER:
        action.get();
        crashedAt = where;
        throw new SimulatedCrash("simulated crash after " + where);
      case LOSE_REPLY:
      default:
        action.get();
        RuntimeException lost = new StoreException(StoreException.Kind.UNAVAILABLE, key,
            "injected lost reply at " + where + " in " + location());
        if (op == StoreOp.PUT_IF_ABSENT) {
          throw new UnknownOutcomeException(location(), key, lost);
        }
        throw lost;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
