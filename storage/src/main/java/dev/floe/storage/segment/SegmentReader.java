package dev.floe.storage.segment;

import dev.floe.storage.Column;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads segments. A scan fetches only the chunks of the requested and predicate columns, with one
 * ranged GET per run of adjacent chunks, in parallel on a small shared pool of daemon threads;
 * checks every buffer's CRC32C; decodes; and hands out Arrow batches filtered by the predicate.
 * It never reads the footer from the object: the caller passes it (from the table manifest).
 */
public final class SegmentReader {
  /** Rows per batch unless the caller asks otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 8192;

  private static final AtomicInteger THREADS = new AtomicInteger();
  /** Threads waiting on ranged GETs of segments' later chunk runs, for every scan read ahead at once. */
  private static final ExecutorService FETCH_POOL = Executors.newFixedThreadPool(16, r -> {
    Thread t = new Thread(r, "floe-segment-fetch-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private SegmentReader() {}

  /**
   * Starts a scan of segment {@code key}.
   *
   * <p>A column id the footer does not hold reads as all NULL (a column added after the segment
   * was written). If the predicate cannot match by the footer's stats, nothing is fetched and the
   * scan is empty. All chunks are fetched and verified before this returns, so a corrupt segment
   * fails here, before any batch exists; no Arrow memory is allocated until batches are built.
   *
   * @param columns the columns to return, in order; each batch's vectors are named by column name
   * @param predicate rows to select ({@link Predicate#TRUE} for all)
   * @param batchSize rows per batch, rounded up to a multiple of 64
   * @throws StoreException CORRUPT naming the key and column on a CRC mismatch, a truncated object
   *     or an undecodable chunk; NOT_FOUND if the object is gone; any other store failure as is
   * @throws IllegalArgumentException if a requested column's type differs from the stored type, or
   *     a predicate literal does not fit its column
   */
  public static SegmentScan scan(ObjectStore store, String key, SegmentFooter footer, List<Column> columns,
      Predicate predicate, BufferAllocator allocator, int batchSize) {
    return scan(store, key, footer, columns, predicate, allocator, batchSize, ChunkCache.none());
  }

  /**
   * As {@link #scan(ObjectStore, String, SegmentFooter, List, Predicate, BufferAllocator, int)},
   * taking chunks from {@code cache} where it holds them and adding those it fetches and decodes.
   * Only chunks that passed every check enter the cache, so the failures above are unchanged for any
   * chunk not already in it.
   */
  public static SegmentScan scan(ObjectStore store, String key, SegmentFooter footer, List<Column> columns,
      Predicate predicate, BufferAllocator allocator, int batchSize, ChunkCache cache) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
    }
    int batch = (Math.min(batchSize, 1 << 24) + 63) & ~63;
    List<Column> cols = List.copyOf(columns);
    for (Column c : cols) {
      footer.chunk(c.id()).ifPresent(ch -> {
        if (!ch.type().equals(c.type())) {
          throw new IllegalArgumentException("column " + c.name() + " (id " + c.id() + ") is " + c.type()
              + " but segment '" + key + "' stores it as " + ch.type());
        }
      });
    }
    Bound bound = Bound.bind(predicate, id -> footer.chunk(id).map(ColumnChunk::type).orElse(null));
    if (footer.rowCount() == 0 || (StatsPruner.eval(bound, footer) & 1) == 0) {
      return SegmentScan.empty(cols, allocator);
    }
    if (footer.rowCount() > Integer.MAX_VALUE) {
      throw SegmentFormat.corrupt(key, null, "the footer claims " + footer.rowCount() + " rows");
    }
    int rows = (int) footer.rowCount();
    Map<Integer, String> names = new HashMap<>();
    Set<Integer> ids = new LinkedHashSet<>();
    for (Column c : cols) {
      ids.add(c.id());
      names.put(c.id(), c.name());
    }
    ids.addAll(predicate.columnIds());
    List<ColumnChunk> chunks = new ArrayList<>();
    for (int id : ids) {
      footer.chunk(id).ifPresent(chunks::add);
    }
    Set<Integer> filtered = predicate.columnIds();
    Map<Integer, ColumnData> data = new HashMap<>();
    List<ColumnChunk> absent = new ArrayList<>();
    String location = cache == ChunkCache.none() ? null : store.location();
    for (ColumnChunk c : chunks) {
      ColumnData d = location == null ? null : cache.get(location, key, c.columnId(), !filtered.contains(c.columnId()));
      if (d != null && d.rows == rows && d.type.equals(c.type())) {
        data.put(c.columnId(), d);
      } else {
        absent.add(c);
      }
    }
    if (!absent.isEmpty()) {
      Map<Integer, ColumnData> fetched = fetch(store, key, absent, rows, names, filtered);
      if (location != null) {
        fetched.forEach((id, d) -> cache.put(location, key, id, d));
      }
      data.putAll(fetched);
    }
    for (Column c : cols) {
      data.computeIfAbsent(c.id(), id -> ColumnData.missing(c.type(), rows));
    }
    boolean all = bound instanceof Bound.Const k && k.truth() == Bound.TRUE;
    return new SegmentScan(cols, data, all ? null : new BatchFilter(bound, data), allocator, rows, batch);
  }

  /** As {@link #scan} with {@link #DEFAULT_BATCH_SIZE}. */
  public static SegmentScan scan(ObjectStore store, String key, SegmentFooter footer, List<Column> columns,
      Predicate predicate, BufferAllocator allocator) {
    return scan(store, key, footer, columns, predicate, allocator, DEFAULT_BATCH_SIZE);
  }

  /**
   * Reads the footer from the end of the object (for tools and recovery; scans get the footer from
   * the manifest): one LIST for the size, then one ranged GET of the tail.
   *
   * @throws StoreException CORRUPT for a truncated object, a bad magic or an unknown version
   */
  public static SegmentFooter readFooter(ObjectStore store, String key) {
    long size;
    try (Stream<ObjectInfo> s = store.list(key, null)) {
      size = s.filter(o -> o.key().equals(key)).findFirst()
          .orElseThrow(() -> new ObjectNotFoundException(store.location(), key))
          .size();
    }
    int min = SegmentFormat.HEADER_LENGTH + SegmentFormat.TRAILER_LENGTH;
    if (size < min) {
      throw SegmentFormat.corrupt(key, null, "the object is only " + size + " bytes long");
    }
    int tailLength = (int) Math.min(size, 64 * 1024);
    byte[] tail = store.get(key, size - tailLength, tailLength);
    int len = SegmentTail.footerLength(tail, tailLength - SegmentFormat.TRAILER_LENGTH, key);
    if (len > size - min) {
      throw SegmentFormat.corrupt(key, null, "the footer length " + len + " exceeds the object");
    }
    if (len + SegmentFormat.TRAILER_LENGTH > tailLength) {
      tail = store.get(key, size - len - SegmentFormat.TRAILER_LENGTH, len + SegmentFormat.TRAILER_LENGTH);
      tailLength = tail.length;
    }
    int start = tailLength - SegmentFormat.TRAILER_LENGTH - len;
    return SegmentFooter.fromBytes(java.util.Arrays.copyOfRange(tail, start, start + len), key);
  }

  /** A run of adjacent chunks fetched with one ranged GET. */
  private record Run(long start, long end, List<ColumnChunk> chunks) {}

  /** Fetches and decodes {@code chunks}; those not in {@code filtered} may be {@link ColumnData#deferred}. */
  private static Map<Integer, ColumnData> fetch(ObjectStore store, String key, List<ColumnChunk> chunks, int rows,
      Map<Integer, String> names, Set<Integer> filtered) {
    List<ColumnChunk> sorted = new ArrayList<>(chunks);
    sorted.sort(Comparator.comparingLong(ColumnChunk::start));
    List<Run> runs = new ArrayList<>();
    for (ColumnChunk c : sorted) {
      Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last.end() == c.start()) {
        List<ColumnChunk> cs = new ArrayList<>(last.chunks());
        cs.add(c);
        runs.set(runs.size() - 1, new Run(last.start(), c.end(), cs));
      } else {
        runs.add(new Run(c.start(), c.end(), List.of(c)));
      }
    }
    Map<Integer, ColumnData> out = new ConcurrentHashMap<>();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 1; i < runs.size(); i++) {
      Run r = runs.get(i);
      futures.add(dev.floe.storage.io.Pacing.submit(FETCH_POOL, () -> {
        readRun(store, key, r, rows, names, filtered, out);
        return null;
      }));
    }
    RuntimeException failure = null;
    try {
      if (!runs.isEmpty()) {
        readRun(store, key, runs.get(0), rows, names, filtered, out);
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException re ? re
              : new StoreException(StoreException.Kind.IO, key, "reading segment '" + key + "' failed: " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new StoreException(StoreException.Kind.IO, key, "interrupted while reading segment '" + key + "'", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new HashMap<>(out);
  }

  private static void readRun(ObjectStore store, String key, Run run, int rows, Map<Integer, String> names,
      Set<Integer> filtered, Map<Integer, ColumnData> out) {
    long length = run.end() - run.start();
    if (length > Integer.MAX_VALUE) {
      throw SegmentFormat.corrupt(key, columnName(run.chunks().get(0), names), "a chunk run of " + length + " bytes");
    }
    byte[] bytes;
    if (length == 0) {
      bytes = new byte[0];
    } else {
      try {
        bytes = store.get(key, run.start(), (int) length);
      } catch (StoreException e) {
        if (e.kind() != StoreException.Kind.RANGE_NOT_SATISFIABLE) {
          throw e;
        }
        throw SegmentFormat.corrupt(key, columnName(run.chunks().get(0), names), "bytes [" + run.start()
            + ", " + run.end() + ") lie past the end of the object (it is truncated)", e);
      }
      if (bytes.length != length) {
        throw SegmentFormat.corrupt(key, columnName(run.chunks().get(0), names), "a ranged read returned "
            + bytes.length + " bytes instead of " + length);
      }
    }
    for (ColumnChunk c : run.chunks()) {
      out.put(c.columnId(), ChunkDecoder.decode(c, rows, bytes, run.start(), key, columnName(c, names),
          !filtered.contains(c.columnId())));
    }
  }

  private static String columnName(ColumnChunk c, Map<Integer, String> names) {
    String n = names.get(c.columnId());
    return n == null ? "id " + c.columnId() : n + " (id " + c.columnId() + ")";
  }
}
