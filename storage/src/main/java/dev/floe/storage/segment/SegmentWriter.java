package dev.floe.storage.segment;

import dev.floe.storage.Column;
import dev.floe.storage.Schema;
import dev.floe.storage.io.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes segments: one immutable object per call of {@link #write}, laid out as docs/format.md §3
 * specifies. The batch's vector {@code i} holds the values of schema column {@code i}; its Arrow
 * type must be {@link ArrowTypes#arrowType} of the column type. The batch is only read, never
 * changed or closed.
 */
public final class SegmentWriter {
  /** Rows per segment unless the caller asks otherwise. */
  public static final int DEFAULT_ROWS_PER_SEGMENT = 100_000;

  private SegmentWriter() {}

  /**
   * Encodes rows {@code [fromRow, fromRow + rowCount)} of {@code batch} and writes them with one
   * {@link ObjectStore#put} to {@code key}, which must be fresh (a new uuid): the object is never
   * rewritten. On failure nothing usable was written (a partial object is never visible; a put that
   * may have landed leaves an unreferenced object for VACUUM).
   *
   * @throws IllegalArgumentException if the batch does not match the schema or the row range lies
   *     outside it
   * @throws dev.floe.storage.io.StoreException if the put fails
   */
  public static WrittenSegment write(
      ObjectStore store, String key, Schema schema, VectorSchemaRoot batch, int fromRow, int rowCount) {
    byte[] bytes = encode(schema, batch, fromRow, rowCount);
    store.put(key, bytes);
    // The footer is parsed back from the bytes just written, so what the manifest gets is exactly
    // what the object holds.
    return new WrittenSegment(key, bytes.length, footerOf(bytes, key));
  }

  /**
   * Writes {@code batch} as consecutive segments of at most {@code maxRowsPerSegment} rows, taking
   * one fresh key from {@code keys} per segment. An empty batch writes nothing. If a put fails,
   * the segments already written stay unreferenced (VACUUM removes them).
   */
  public static List<WrittenSegment> writeAll(
      ObjectStore store, Supplier<String> keys, Schema schema, VectorSchemaRoot batch, int maxRowsPerSegment) {
    if (maxRowsPerSegment <= 0) {
      throw new IllegalArgumentException("maxRowsPerSegment must be > 0, got " + maxRowsPerSegment);
    }
    List<WrittenSegment> out = new ArrayList<>();
    int rows = batch.getRowCount();
    for (int from = 0; from < rows; from += maxRowsPerSegment) {
      out.add(write(store, keys.get(), schema, batch, from, Math.min(maxRowsPerSegment, rows - from)));
    }
    return out;
  }

  /** The bytes of a segment of the given rows, without writing them anywhere. */
  static byte[] encode(Schema schema, VectorSchemaRoot batch, int fromRow, int rowCount) {
    if (batch.getFieldVectors().size() != schema.size()) {
      throw new IllegalArgumentException("the batch has " + batch.getFieldVectors().size()
          + " vectors but the schema has " + schema.size() + " columns");
    }
    if (fromRow < 0 || rowCount < 0 || (long) fromRow + rowCount > batch.getRowCount()) {
      throw new IllegalArgumentException("rows [" + fromRow + ", " + ((long) fromRow + rowCount)
          + ") lie outside a batch of " + batch.getRowCount() + " rows");
    }
    for (int i = 0; i < schema.size(); i++) {
      FieldVector vector = batch.getVector(i);
      if (vector.getValueCount() < fromRow + rowCount) {
        throw new IllegalArgumentException("vector '" + vector.getName() + "' has only "
            + vector.getValueCount() + " values");
      }
    }
    EncodedColumn[] columns = encodeAll(schema, batch, fromRow, rowCount);
    // Laid out exactly as docs/format.md §3: header, every column's buffers in order, footer, tail.
    long size = 8;
    List<ColumnChunk> chunks = new ArrayList<>(schema.size());
    for (int i = 0; i < columns.length; i++) {
      Column column = schema.column(i);
      List<BufferRef> refs = new ArrayList<>(columns[i].buffers().size());
      for (BufferCodec.Packed b : columns[i].buffers()) {
        refs.add(b.at(size));
        size += b.storedLength();
      }
      RawChunk raw = columns[i].raw();
      chunks.add(new ColumnChunk(column.id(), column.type(), raw.encoding(), refs, raw.stats()));
    }
    byte[] footer = new SegmentFooter(SegmentFormat.VERSION, rowCount, chunks).toBytes();
    byte[] out = new byte[Math.toIntExact(size + footer.length + 12)];
    System.arraycopy(SegmentFormat.MAGIC, 0, out, 0, 4);
    IntPacking.SHORT.set(out, 4, (short) SegmentFormat.VERSION);
    IntPacking.SHORT.set(out, 6, (short) 0);
    int pos = 8;
    for (EncodedColumn c : columns) {
      for (BufferCodec.Packed b : c.buffers()) {
        System.arraycopy(b.stored(), 0, out, pos, b.storedLength());
        pos += b.storedLength();
      }
    }
    System.arraycopy(footer, 0, out, pos, footer.length);
    pos += footer.length;
    IntPacking.INT.set(out, pos, footer.length);
    IntPacking.SHORT.set(out, pos + 4, (short) SegmentFormat.VERSION);
    IntPacking.SHORT.set(out, pos + 6, (short) 0);
    System.arraycopy(SegmentFormat.MAGIC, 0, out, pos + 8, 4);
    return out;
  }

  /** Rows below which a segment's columns are encoded on the calling thread alone. */
  private static final int PARALLEL_ROWS = 8192;

  /** Threads that help encode a segment's columns: one per core beyond the caller's. */
  private static final int HELPERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);

  private static final java.util.concurrent.ExecutorService POOL = HELPERS == 0 ? null
      : java.util.concurrent.Executors.newFixedThreadPool(HELPERS, r -> {
        Thread t = new Thread(r, "floe-segment-encode");
        t.setDaemon(true);
        return t;
      });

  /**
   * Every column's chunk. Columns are independent, so with more than one core the caller and up to
   * {@link #HELPERS} pool threads each take the next column not yet taken; the caller works too, so
   * a busy pool only makes it slower, never stuck. It returns once every column is done; the first
   * failure is then rethrown.
   */
  private static EncodedColumn[] encodeAll(Schema schema, VectorSchemaRoot batch, int fromRow, int rowCount) {
    int n = schema.size();
    EncodedColumn[] out = new EncodedColumn[n];
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(n);
    Runnable work = () -> {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        try {
          out[i] = EncodedColumn.of(batch.getVector(i), schema.column(i), fromRow, rowCount);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          finished.countDown();
        }
      }
    };
    int helpers = POOL == null || rowCount < PARALLEL_ROWS ? 0 : Math.min(HELPERS, n - 1);
    for (int h = 0; h < helpers; h++) {
      POOL.execute(work); // a helper that starts late finds every column taken and ends at once
    }
    work.run();
    boolean interrupted = false;
    while (finished.getCount() > 0) {
      try {
        finished.await();
      } catch (InterruptedException e) {
        interrupted = true; // the helpers write into out: wait for them all the same
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    } else if (t instanceof Error e) {
      throw e;
    } else if (t != null) {
      throw new IllegalStateException("encoding a segment column failed", t);
    }
    return out;
  }

  /** One column's chunk, its buffers compressed and checksummed but not yet placed. */
  record EncodedColumn(RawChunk raw, List<BufferCodec.Packed> buffers) {
    static EncodedColumn of(FieldVector vector, Column column, int fromRow, int rowCount) {
      RawChunk raw = ChunkEncoder.encode(vector, column.type(), fromRow, rowCount);
      List<BufferCodec.Packed> packed = new ArrayList<>(raw.buffers().size());
      for (byte[] b : raw.buffers()) {
        packed.add(BufferCodec.pack(b, b.length));
      }
      return new EncodedColumn(raw, packed);
    }
  }

  /** Parses the footer of a complete segment object held in memory. */
  static SegmentFooter footerOf(byte[] object, String key) {
    return SegmentTail.parse(object, 0, object.length, key);
  }
}
