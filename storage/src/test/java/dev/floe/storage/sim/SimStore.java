package dev.floe.storage.sim;

import dev.floe.storage.io.ForwardingStore;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.SimulatedCrash;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.UnknownOutcomeException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One client incarnation's view of the shared store: every call first waits for the baton
 * ({@link Scheduler#turn}), then suffers the fault the scheduler drew: a 5xx before effect, a lost
 * reply after effect ({@link UnknownOutcomeException} for putIfAbsent), or the client's death
 * before or after the call. Once crashed, every later call of this incarnation throws {@link
 * SimulatedCrash} at once: the next incarnation opens a fresh store.
 */
final class SimStore extends ForwardingStore {
  private final Scheduler scheduler;
  private final int client;
  private volatile boolean crashed;

  SimStore(ObjectStore shared, Scheduler scheduler, int client) {
    super(shared);
    this.scheduler = scheduler;
    this.client = client;
  }

  boolean crashed() {
    return crashed;
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
    List<ObjectInfo> all = call(StoreOp.LIST, prefix, () -> {
      try (Stream<ObjectInfo> s = delegate.list(prefix, startAfter)) {
        return s.toList();
      }
    });
    return all.stream();
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

  @Override
  public void close() {
    // the shared store outlives every incarnation
  }

  private <T> T call(StoreOp op, String key, Supplier<T> action) {
    if (crashed) {
      throw new SimulatedCrash("client " + client + " already crashed");
    }
    Scheduler.Fault fault = scheduler.turn(client, op, key, 0);
    String where = op + " of '" + key + "' by client " + client;
    switch (fault) {
      case NONE:
        return action.get();
      case FAIL:
        throw new StoreException(StoreException.Kind.UNAVAILABLE, key, "simulated 503 at " + where);
      case CRASH:
        crashed = true;
        throw new SimulatedCrash("simulated crash before " + where);
      case CRASH_AFTER:
        action.get();
        crashed = true;
        throw new SimulatedCrash("simulated crash after " + where);
      case LOSE_REPLY:
      default:
        action.get();
        StoreException lost = new StoreException(StoreException.Kind.UNAVAILABLE, key, "simulated lost reply of " + where);
        if (op == StoreOp.PUT_IF_ABSENT) {
          throw new UnknownOutcomeException(location(), key, lost);
        }
        throw lost;
    }
  }
}
