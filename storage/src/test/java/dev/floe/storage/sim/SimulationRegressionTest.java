package dev.floe.storage.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.CommitStateUnknownException;
import dev.floe.storage.io.ForwardingStore;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.table.FloeOptions;
import dev.floe.storage.table.FloeStore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bugs the simulation found, each named after the seed that found it: the seed itself is
 * replayed (it failed before the fix), and the failure is also reproduced directly, so that the
 * test keeps guarding the fix when later changes make the seed take another path.
 */
class SimulationRegressionTest {

  /**
   * Seed 6: a CREATE whose catalog op landed, but whose check that the op is not stale lost its
   * LIST reply, failed as if nothing had happened, yet the table existed. Now: unknown outcome (40003).
   */
  @Test
  void seed_6_createWhoseStaleCheckLostItsReplyIsUnknownNotFailed() {
    new Simulation(6, 12).run();

    String name = "sim-regress-6-" + System.nanoTime();
    try (ObjectStore mem = MemoryStore.open(name);
        FloeStore f = FloeStore.open(new LoseNthList(mem, "catalog/oqya/", 2), FloeOptions.defaults())) {
      assertThrows(CommitStateUnknownException.class, () -> f.create("t0", Workload.SCHEMA));
      assertTrue(f.find("t0").isPresent(), "the table was created: the outcome must not be reported as a failure");
    } finally {
      MemoryStore.discard(name);
    }
  }

  /**
   * The same for DROP: its tombstone landed and publishing its catalog op failed (before effect):
   * the statement is unknown, not failed, since the table already reads as dropped.
   */
  @Test
  void seed_6_dropWhoseCatalogOpFailedIsUnknownNotFailed() {
    String name = "sim-regress-6d-" + System.nanoTime();
    try (ObjectStore mem = MemoryStore.open(name)) {
      try (FloeStore f = FloeStore.open(mem, FloeOptions.defaults())) {
        f.create("t0", Workload.SCHEMA);
      }
      try (FloeStore f = FloeStore.open(new FailPutsUnder(mem, "catalog/oqya/"), FloeOptions.defaults())) {
        assertThrows(CommitStateUnknownException.class, () -> f.drop("t0"));
        assertFalse(f.find("t0").isPresent(), "the tombstone landed: the table reads as dropped");
      }
    } finally {
      MemoryStore.discard(name);
    }
  }

  /** Applies the {@code n}th listing of {@code prefix}, then loses its reply. */
  private static final class LoseNthList extends ForwardingStore {
    private final String prefix;
    private final int n;
    private final AtomicInteger seen = new AtomicInteger();

    LoseNthList(ObjectStore delegate, String prefix, int n) {
      super(delegate);
      this.prefix = prefix;
      this.n = n;
    }

    @Override
    public Stream<ObjectInfo> list(String p, String startAfter) {
      if (p.equals(prefix) && seen.incrementAndGet() == n) {
        delegate.list(p, startAfter).toList();
        throw new StoreException(StoreException.Kind.UNAVAILABLE, p, "lost reply of the listing of " + p);
      }
      return delegate.list(p, startAfter);
    }

    @Override
    public void close() {}
  }

  /** Fails every putIfAbsent under {@code prefix} with an I/O error (not retried), before effect. */
  private static final class FailPutsUnder extends ForwardingStore {
    private final String prefix;

    FailPutsUnder(ObjectStore delegate, String prefix) {
      super(delegate);
      this.prefix = prefix;
    }

    @Override
    public CreateResult putIfAbsent(String key, byte[] bytes) {
      if (key.startsWith(prefix)) {
        throw new StoreException(StoreException.Kind.IO, key, "I/O error writing " + key);
      }
      return delegate.putIfAbsent(key, bytes);
    }

    @Override
    public void close() {}
  }
}
