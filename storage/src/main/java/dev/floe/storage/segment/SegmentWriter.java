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
    FooterCodec.Out out = new FooterCodec.Out();
    out.write(SegmentFormat.MAGIC, 0, 4);
    out.u16(SegmentFormat.VERSION);
    out.u16(0);
    List<ColumnChunk> chunks = new ArrayList<>(schema.size());
    for (int i = 0; i < schema.size(); i++) {
      Column column = schema.column(i);
      FieldVector vector = batch.getVector(i);
      if (vector.getValueCount() < fromRow + rowCount) {
        throw new IllegalArgumentException("vector '" + vector.getName() + "' has only "
            + vector.getValueCount() + " values");
      }
      RawChunk raw = ChunkEncoder.encode(vector, column.type(), fromRow, rowCount);
      List<BufferRef> refs = new ArrayList<>(raw.buffers().size());
      for (byte[] b : raw.buffers()) {
        refs.add(BufferCodec.append(out, b, b.length));
      }
      chunks.add(new ColumnChunk(column.id(), column.type(), raw.encoding(), refs, raw.stats()));
    }
    byte[] footer = new SegmentFooter(SegmentFormat.VERSION, rowCount, chunks).toBytes();
    out.write(footer, 0, footer.length);
    out.i32(footer.length);
    out.u16(SegmentFormat.VERSION);
    out.u16(0);
    out.write(SegmentFormat.MAGIC, 0, 4);
    return out.toByteArray();
  }

  /** Parses the footer of a complete segment object held in memory. */
  static SegmentFooter footerOf(byte[] object, String key) {
    return SegmentTail.parse(object, 0, object.length, key);
  }
}
