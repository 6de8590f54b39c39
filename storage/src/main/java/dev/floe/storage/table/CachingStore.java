package dev.floe.storage.table;

import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.segment.ChunkCache;
import java.time.Instant;

/**
 * Serves repeated reads of immutable objects from an {@link ObjectCache}, so that a warm reader
 * asks the store only for the head (one listing). Whole-object and ranged reads are cached; the
 * {@code _head} hint, listings and writes always go to the store. Caching is safe because every
 * key Floe reads but the hint names an object that is written once and never changed.
 */
final class CachingStore extends dev.floe.storage.io.ForwardingStore {
  private final ObjectCache cache;
  private final ChunkCache chunks;

  CachingStore(ObjectStore delegate, ObjectCache cache, ChunkCache chunks) {
    super(delegate);
    this.cache = cache;
    this.chunks = chunks;
  }

  private static boolean cacheable(String key) {
    return !key.endsWith("/_head");
  }

  @Override
  public byte[] get(String key) {
    if (!cacheable(key)) {
      return delegate.get(key);
    }
    byte[] b = cache.get(key);
    if (b == null) {
      b = delegate.get(key);
      cache.put(key, b);
    }
    return b.clone();
  }

  @Override
  public byte[] get(String key, long offset, int length) {
    if (!cacheable(key)) {
      return delegate.get(key, offset, length);
    }
    String k = key + "#" + offset + "+" + length;
    byte[] b = cache.get(k);
    if (b == null) {
      byte[] whole = cache.get(key);
      if (whole != null && offset + length <= whole.length) {
        b = java.util.Arrays.copyOfRange(whole, (int) offset, (int) offset + length);
      } else {
        b = delegate.get(key, offset, length);
        cache.put(k, b);
      }
    }
    return b.clone();
  }

  @Override
  public Instant put(String key, byte[] bytes) {
    Instant t = delegate.put(key, bytes);
    if (cacheable(key)) {
      cache.put(key, bytes.clone());
    }
    return t;
  }

  @Override
  public void delete(String key) {
    cache.invalidate(key);
    chunks.invalidate(delegate.location(), key);
    delegate.delete(key);
  }
}
