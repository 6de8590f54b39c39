package dev.floe.bench;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import dev.floe.storage.segment.SegmentReader;
import dev.floe.storage.segment.SegmentScan;
import dev.floe.storage.segment.SegmentWriter;
import dev.floe.storage.segment.WrittenSegment;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiConsumer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Encode and decode throughput of the segment codec against the raw lz4-java decompression rate of
 * the same raw bytes (the physical limit of an LZ4-based format), for one-column datasets split
 * into segments of {@link SegmentWriter#DEFAULT_ROWS_PER_SEGMENT} rows.
 *
 * <p>"Raw bytes" are the Arrow value bytes (8 per row for BIGINT and DOUBLE; 4-byte offsets plus the
 * UTF-8 bytes for VARCHAR), without validity. Encode covers Arrow vectors to stored object (stats,
 * packing, dictionary, LZ4, CRC32C, a put into the in-memory store). Decode covers ranged gets
 * from the in-memory store, CRC32C checks, LZ4, unpacking and filling Arrow batches of 8192 rows.
 * The LZ4 baseline compresses the same raw bytes in blocks of one segment's rows and times only
 * their decompression. Each figure is the median of several timed runs after warm-up runs; the
 * decode/LZ4 percentage is the median of the per-run percentages (each run times both), which
 * is steadier than a ratio of medians on a shared machine.
 *
 * <p>Usage: {@code SegmentCodecBench [rows [runs [warmups [dataset-substring]]]]}, default 1,000,000 rows, 7 runs, 3
 * warm-ups.
 */
public final class SegmentCodecBench {

  /** Figures of one dataset. */
  public record Result(String dataset, int rows, long rawBytes, long storedBytes, double plainLz4Ratio,
      double encodeMBs, double decodeMBs, double lz4MBs, double decodePctOfLz4) {
    public double ratio() {
      return (double) rawBytes / storedBytes;
    }

    public double decodeRowsPerSec() {
      return decodeMBs * 1e6 / rawBytes * rows;
    }

    public double encodeRowsPerSec() {
      return encodeMBs * 1e6 / rawBytes * rows;
    }

  }

  private record Dataset(String name, ColumnType type, BiConsumer<FieldVector, Integer> fill) {}

  private SegmentCodecBench() {}

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String only = args.length > 3 ? args[3] : "";
    run(rows, runs, warmups, only, System.out);
  }

  /** Runs every dataset and prints a table; returns the figures. */
  public static List<Result> run(int rows, int runs, int warmups, PrintStream out) {
    return run(rows, runs, warmups, "", out);
  }

  /** Runs the datasets whose name contains {@code only} and prints a table; returns the figures. */
  public static List<Result> run(int rows, int runs, int warmups, String only, PrintStream out) {
    out.printf(Locale.ROOT, "Segment codec, %,d rows, %d segments of <= %,d rows, median of %d runs after %d warm-ups, Java %s, %d cores%n",
        rows, (rows + SegmentWriter.DEFAULT_ROWS_PER_SEGMENT - 1) / SegmentWriter.DEFAULT_ROWS_PER_SEGMENT,
        SegmentWriter.DEFAULT_ROWS_PER_SEGMENT, runs, warmups, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "| %-28s | %8s | %8s | %9s | %9s | %12s | %9s | %12s | %9s | %7s |%n",
        "dataset", "raw MB", "ratio", "LZ4 ratio", "enc MB/s", "enc rows/s", "dec MB/s", "dec rows/s", "LZ4 MB/s", "dec/LZ4");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    List<Result> results = new ArrayList<>();
    for (Dataset d : datasets(new Random(1))) {
      if (!d.name().contains(only)) {
        continue;
      }
      Result r = measure(d, rows, runs, warmups);
      results.add(r);
      out.printf(Locale.ROOT, "| %-28s | %8.1f | %7.2fx | %8.2fx | %9.0f | %12.0f | %9.0f | %12.0f | %9.0f | %6.0f%% |%n",
          r.dataset(), r.rawBytes() / 1e6, r.ratio(), r.plainLz4Ratio(), r.encodeMBs(), r.encodeRowsPerSec(),
          r.decodeMBs(), r.decodeRowsPerSec(), r.lz4MBs(), r.decodePctOfLz4());
    }
    return results;
  }

  private static List<Dataset> datasets(Random rnd) {
    String[] symbols = new String[300];
    for (int i = 0; i < symbols.length; i++) {
      symbols[i] = "SYM" + Integer.toString(i * 7919, 36).toUpperCase(Locale.ROOT);
    }
    long[] ts = {1_700_000_000_000_000L};
    double[] price = {100.0};
    return List.of(
        new Dataset("BIGINT ascending timestamps", ColumnType.of(ColumnType.Kind.BIGINT), (v, i) -> {
          ts[0] += rnd.nextInt(1000);
          ((BigIntVector) v).set(i, ts[0]);
        }),
        new Dataset("BIGINT random", ColumnType.of(ColumnType.Kind.BIGINT),
            (v, i) -> ((BigIntVector) v).set(i, rnd.nextLong())),
        new Dataset("DOUBLE 2-decimal prices", ColumnType.of(ColumnType.Kind.DOUBLE), (v, i) -> {
          price[0] = Math.max(1, price[0] + (rnd.nextInt(21) - 10) / 100.0);
          ((Float8Vector) v).set(i, Math.round(price[0] * 100) / 100.0);
        }),
        new Dataset("VARCHAR 300 symbols", ColumnType.of(ColumnType.Kind.VARCHAR),
            (v, i) -> ((VarCharVector) v).setSafe(i, symbols[rnd.nextInt(symbols.length)].getBytes(StandardCharsets.UTF_8))),
        new Dataset("VARCHAR high cardinality", ColumnType.of(ColumnType.Kind.VARCHAR),
            (v, i) -> ((VarCharVector) v).setSafe(i, ("user-" + Long.toHexString(rnd.nextLong()) + "@example.com")
                .getBytes(StandardCharsets.UTF_8))));
  }

  private static Result measure(Dataset d, int rows, int runs, int warmups) {
    Column column = new Column(0, "v", d.type(), true);
    Schema schema = Schema.of(column);
    String storeName = "bench-" + UUID.randomUUID();
    try (RootAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = ArrowTypes.createRoot(schema, allocator);
        MemoryStore store = MemoryStore.open(storeName)) {
      FieldVector v = root.getVector(0);
      v.setInitialCapacity(rows);
      v.allocateNew();
      for (int i = 0; i < rows; i++) {
        d.fill().accept(v, i);
      }
      v.setValueCount(rows);
      root.setRowCount(rows);
      List<byte[]> rawBlocks = rawBlocks(v, rows);
      long rawBytes = rawBlocks.stream().mapToLong(b -> b.length).sum();

      long[] encodeNanos = new long[runs];
      long[] decodeNanos = new long[runs];
      long[] lz4Nanos = new long[runs];
      List<WrittenSegment> segments = List.of();
      long sink = 0;
      for (int r = -warmups; r < runs; r++) {
        int run = r;
        long t0 = System.nanoTime();
        segments = SegmentWriter.writeAll(store, () -> "b/" + run + "/" + UUID.randomUUID(), schema, root,
            SegmentWriter.DEFAULT_ROWS_PER_SEGMENT);
        long t1 = System.nanoTime();
        for (WrittenSegment s : segments) {
          try (SegmentScan scan = SegmentReader.scan(store, s.key(), s.footer(), schema.columns(), Predicate.TRUE, allocator)) {
            while (scan.hasNext()) {
              try (SegmentBatch b = scan.next()) {
                sink += b.rowCount();
              }
            }
          }
        }
        long t2 = System.nanoTime();
        sink += Lz4Baseline.decompressAll(rawBlocks);
        long t3 = System.nanoTime();
        if (r >= 0) {
          encodeNanos[r] = t1 - t0;
          decodeNanos[r] = t2 - t1;
          lz4Nanos[r] = Lz4Baseline.lastNanos;
        }
        if (r < runs - 1) {
          segments.forEach(s -> store.delete(s.key()));
        }
        if (t3 < t0) {
          throw new AssertionError();
        }
      }
      if (sink == 42) {
        System.out.print("");
      }
      long stored = segments.stream().mapToLong(s -> s.footer().columnBytes(0)).sum();
      return new Result(d.name(), rows, rawBytes, stored, Lz4Baseline.ratio(rawBlocks),
          mbs(rawBytes, median(encodeNanos)), mbs(rawBytes, median(decodeNanos)), mbs(rawBytes, median(lz4Nanos)),
          medianPct(lz4Nanos, decodeNanos));
    } finally {
      MemoryStore.discard(storeName);
    }
  }

  /** The raw Arrow bytes, one block per buffer per segment's rows. */
  private static List<byte[]> rawBlocks(FieldVector v, int rows) {
    List<byte[]> out = new ArrayList<>();
    int seg = SegmentWriter.DEFAULT_ROWS_PER_SEGMENT;
    for (int from = 0; from < rows; from += seg) {
      int n = Math.min(seg, rows - from);
      if (v instanceof BaseVariableWidthVector vv) {
        byte[] offsets = new byte[(n + 1) * 4];
        vv.getOffsetBuffer().getBytes((long) from * 4, offsets, 0, offsets.length);
        int start = vv.getOffsetBuffer().getInt((long) from * 4);
        int end = vv.getOffsetBuffer().getInt((long) (from + n) * 4);
        byte[] data = new byte[end - start];
        vv.getDataBuffer().getBytes(start, data, 0, data.length);
        out.add(offsets);
        out.add(data);
      } else {
        byte[] values = new byte[n * 8];
        v.getDataBuffer().getBytes((long) from * 8, values, 0, values.length);
        out.add(values);
      }
    }
    return out;
  }

  private static long median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** The median over runs of decode speed as a percentage of the LZ4 speed measured in the same run. */
  private static double medianPct(long[] lz4Nanos, long[] decodeNanos) {
    double[] pct = new double[lz4Nanos.length];
    for (int i = 0; i < pct.length; i++) {
      pct[i] = 100.0 * lz4Nanos[i] / decodeNanos[i];
    }
    Arrays.sort(pct);
    return pct[pct.length / 2];
  }

  private static double mbs(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  /** Plain lz4-java on the raw bytes: the rate a format that only runs LZ4 could reach at best. */
  private static final class Lz4Baseline {
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();
    private static long lastNanos;
    private static List<byte[]> compressedFor;
    private static List<byte[]> compressed;

    static double ratio(List<byte[]> raw) {
      long in = 0;
      long outLen = 0;
      for (byte[] c : compress(raw)) {
        outLen += c.length;
      }
      for (byte[] b : raw) {
        in += b.length;
      }
      return (double) in / outLen;
    }

    private static List<byte[]> compress(List<byte[]> raw) {
      if (compressedFor != raw) {
        compressed = new ArrayList<>();
        for (byte[] b : raw) {
          byte[] c = new byte[COMPRESSOR.maxCompressedLength(b.length)];
          int n = COMPRESSOR.compress(b, 0, b.length, c, 0, c.length);
          compressed.add(Arrays.copyOf(c, n));
        }
        compressedFor = raw;
      }
      return compressed;
    }

    static long decompressAll(List<byte[]> raw) {
      List<byte[]> c = compress(raw);
      long sink = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < c.size(); i++) {
        byte[] dest = new byte[raw.get(i).length];
        sink += DECOMPRESSOR.decompress(c.get(i), 0, c.get(i).length, dest, 0, dest.length);
      }
      lastNanos = System.nanoTime() - t0;
      return sink;
    }
  }
}
