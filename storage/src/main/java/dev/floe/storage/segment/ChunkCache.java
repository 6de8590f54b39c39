package dev.floe.storage.segment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decoded column chunks kept across scans, bounded by their heap size. Which chunks stay is
 * Caffeine's W-TinyLFU policy, not plain LRU: a new chunk displaces a held one only if it was asked
 * for more often recently, so one scan of a table larger than the cache (a wide GROUP BY) does not
 * flush the chunks that queries keep coming back to, and a working set larger than the cache keeps
 * what fits instead of missing on every chunk of every run. A chunk enters only after every buffer passed its CRC and the chunk decoded, and is keyed
 * by the store's location, the segment key and the column id: segment keys are never reused and
 * segments never change, so an entry always equals what decoding the object again would give. What
 * the cache changes is only that a client may still answer from memory for a segment deleted since
 * it read it (VACUUM of an expired version), exactly as it could from {@code CachingStore}'s bytes.
 * Thread-safe.
 */
public final class ChunkCache {
  /** System property: the shared cache's size in bytes ({@code 0} turns it off). */
  public static final String SIZE_PROPERTY = "floe.chunkCacheBytes";

  private static final ChunkCache NONE = new ChunkCache(0);
  private static volatile ChunkCache shared;

  private final long capacityBytes;
  private final Cache<Key, ColumnData> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  /**
   * What the cache holds and how it has served since it was created.
   *
   * @param entries chunks held
   * @param bytes their heap size (an estimate: the arrays' sizes)
   * @param capacityBytes the bound
   * @param hits chunks a scan took from the cache
   * @param misses chunks a scan looked up and had to fetch and decode
   * @param evictions chunks dropped to stay within the bound
   */
  public record Stats(long entries, long bytes, long capacityBytes, long hits, long misses, long evictions) {}

  /** One chunk as decoded for one use: {@code deferred} entries hold random-access streams. */
  private record Key(String location, String segment, int columnId, boolean deferred) {}

  public ChunkCache(long capacityBytes) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacityBytes must be >= 0, got " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
    this.entries = Caffeine.newBuilder()
        .maximumWeight(capacityBytes)
        .weigher((Key k, ColumnData d) -> (int) Math.min(Integer.MAX_VALUE, d.heapBytes()))
        .evictionListener((Key k, ColumnData d, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
          if (cause.wasEvicted()) {
            evictions.increment();
          }
        })
        .executor(Runnable::run) // evict on the calling thread: the bound holds when put returns, no pool
        .build();
  }

  /** A cache that keeps nothing. */
  public static ChunkCache none() {
    return NONE;
  }

  /**
   * The cache every client of this JVM shares: {@value #SIZE_PROPERTY} bytes (a number, optionally
   * followed by k, m or g), or by default an eighth of the maximum heap, at most 1 GiB. Created at
   * the first call.
   *
   * @throws IllegalArgumentException if {@value #SIZE_PROPERTY} is set to something else than a
   *     size; nothing is created then, so a later call after the property is fixed succeeds
   */
  public static ChunkCache shared() {
    ChunkCache c = shared;
    if (c == null) {
      synchronized (ChunkCache.class) {
        if (shared == null) {
          String v = System.getProperty(SIZE_PROPERTY);
          shared = new ChunkCache(v == null ? Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 8) : parseSize(v));
        }
        c = shared;
      }
    }
    return c;
  }

  /** A size in bytes: digits, optionally followed by k, m or g (powers of 1024) and an optional b or ib. */
  static long parseSize(String text) {
    Matcher m = Pattern.compile("(\\d{1,18})\\s*(?:([kmg])i?b?|b)?")
        .matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("system property " + SIZE_PROPERTY + " must be a size in bytes such as"
          + " 268435456, 256m or 1g (0 turns the decoded-chunk cache off), got '" + text + "'; fix or remove it");
    }
    long n = Long.parseLong(m.group(1));
    int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      default -> 30;
    };
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("system property " + SIZE_PROPERTY + " is too large: '" + text + "'");
    }
    return n << shift;
  }

  /** The chunk if cached: decoded in full, or (only when {@code deferrable}) as a deferred stream. */
  ColumnData get(String location, String segment, int columnId, boolean deferrable) {
    if (capacityBytes == 0) {
      return null;
    }
    ColumnData d = entries.getIfPresent(new Key(location, segment, columnId, false));
    if (d == null && deferrable) {
      d = entries.getIfPresent(new Key(location, segment, columnId, true));
    }
    (d == null ? misses : hits).increment();
    return d;
  }

  void put(String location, String segment, int columnId, ColumnData d) {
    if (capacityBytes > 0) {
      entries.put(new Key(location, segment, columnId, d.deferred != null), d);
    }
  }

  /** Forgets every chunk of {@code segment} (after it was deleted). */
  public void invalidate(String location, String segment) {
    if (capacityBytes > 0) {
      entries.asMap().keySet().removeIf(k -> k.segment.equals(segment) && k.location.equals(location));
    }
  }

  /** Forgets every chunk (the next scans fetch and decode again, as a new process would). */
  public void clear() {
    entries.invalidateAll();
  }

  /** Heap bytes held now (an estimate: the arrays' sizes). */
  public long sizeBytes() {
    long n = 0;
    for (ColumnData d : entries.asMap().values()) {
      n += d.heapBytes();
    }
    return n;
  }

  /** The counts so far. */
  public Stats stats() {
    return new Stats(entries.estimatedSize(), sizeBytes(), capacityBytes, hits.sum(), misses.sum(), evictions.sum());
  }

  /** Chunks held now. */
  public long size() {
    return entries.estimatedSize();
  }
}
