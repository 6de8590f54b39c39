package dev.floe.planner.exec;

/**
 * An open-addressing map from {@code long} to dense {@code int} ids handed out in insertion order
 * (0, 1, 2, ...): the allocation-free core of grouping, used once per row.
 */
final class LongIntMap {
  private long[] keys = new long[64];
  private int[] ids = new int[64]; // id + 1; 0 marks an empty slot
  private int size;

  /** The id of {@code key}, or -1 when absent. */
  int get(long key) {
    int mask = keys.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      int id = ids[i];
      if (id == 0) {
        return -1;
      }
      if (keys[i] == key) {
        return id - 1;
      }
    }
  }

  /** The id of {@code key}, assigning the next one when absent. */
  int intern(long key) {
    int mask = keys.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      int id = ids[i];
      if (id == 0) {
        keys[i] = key;
        ids[i] = ++size;
        if (size * 2 > keys.length) {
          grow();
        }
        return size - 1;
      }
      if (keys[i] == key) {
        return id - 1;
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new long[oldKeys.length * 2];
    ids = new int[oldIds.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldIds[j] != 0) {
        int i = mix(oldKeys[j]) & mask;
        while (ids[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        ids[i] = oldIds[j];
      }
    }
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
