package dev.floe.storage.io;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * A store that passes every call, unchanged, to a delegate; subclasses override the calls they
 * count, cache, trace or break. Closing it closes the delegate.
 */
public abstract class ForwardingStore implements ObjectStore {
  protected final ObjectStore delegate;

  protected ForwardingStore(ObjectStore delegate) {
    this.delegate = delegate;
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
    return delegate.put(key, bytes);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public java.util.List<String> deleteLeftovers(java.time.Instant before) {
    return delegate.deleteLeftovers(before);
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
