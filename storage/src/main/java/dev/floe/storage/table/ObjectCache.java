package dev.floe.storage.table;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used cache of immutable objects (and byte ranges of them), bounded by the sum
 * of their sizes. Only objects that never change may be put here: everything Floe writes except the
 * {@code _head} hint. Thread-safe.
 */
final class ObjectCache {
  private final long capacityBytes;
  private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long sizeBytes;

  ObjectCache(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  synchronized byte[] get(String key) {
    return entries.get(key);
  }

  synchronized void put(String key, byte[] value) {
    if (value.length > capacityBytes / 4) {
      return;
    }
    byte[] old = entries.put(key, value);
    sizeBytes += value.length - (old == null ? 0 : old.length);
    Iterator<Map.Entry<String, byte[]>> it = entries.entrySet().iterator();
    while (sizeBytes > capacityBytes && it.hasNext()) {
      sizeBytes -= it.next().getValue().length;
      it.remove();
    }
  }

  /** Forgets every entry of {@code key} (whole object and ranges). */
  synchronized void invalidate(String key) {
    Iterator<Map.Entry<String, byte[]>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, byte[]> e = it.next();
      if (e.getKey().equals(key) || e.getKey().startsWith(key + "#")) {
        sizeBytes -= e.getValue().length;
        it.remove();
      }
    }
  }

  synchronized long sizeBytes() {
    return sizeBytes;
  }
}
