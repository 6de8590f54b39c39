package dev.floe.storage.commit;

import dev.floe.storage.io.ForwardingStore;
import dev.floe.storage.io.ObjectStore;
import java.time.Instant;

/** Passes every call to a delegate and feeds the store times that puts return to a {@link StoreClock}. */
public final class ObservingStore extends ForwardingStore {
  private final StoreClock clock;

  public ObservingStore(ObjectStore delegate, StoreClock clock) {
    super(delegate);
    this.clock = clock;
  }

  @Override
  public Instant put(String key, byte[] bytes) {
    Instant t = delegate.put(key, bytes);
    clock.observe(t);
    return t;
  }
}
