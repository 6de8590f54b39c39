package dev.floe.storage.commit;

import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import java.time.Instant;
import java.util.stream.Stream;

/** Passes every call to a delegate and feeds the store times that puts return to a {@link StoreClock}. */
public final class ObservingStore implements ObjectStore {
  private final ObjectStore delegate;
  private final StoreClock clock;

  public ObservingStore(ObjectStore delegate, StoreClock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  @Override
  public byte[] get(String key) {
    return delegate.get(key);
  }

  @Override
  public byte[] get(String key, long offset, int length) {
    return delegate.get(key, offset, length);
  }

  @Override
  public Stream<ObjectInfo> list(String prefix, String startAfter) {
    return delegate.list(prefix, startAfter);
  }

  @Override
  public CreateResult putIfAbsent(String key, byte[] bytes) {
    return delegate.putIfAbsent(key, bytes);
  }

  @Override
  public Instant put(String key, byte[] bytes) {
    Instant t = delegate.put(key, bytes);
    clock.observe(t);
    return t;
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
