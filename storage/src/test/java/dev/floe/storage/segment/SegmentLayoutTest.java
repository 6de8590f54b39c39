package dev.floe.storage.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * The segment writer's bytes (columns encoded in parallel, the object laid out in one array) are
 * exactly those of the plain layout: header, every column's buffers appended in column order, the
 * footer, the tail (docs/format.md §3), for every type, small and large segments, row ranges.
 */
class SegmentLayoutTest {
  /** The segment as one thread appending each part in turn would write it. */
  private static byte[] sequential(Schema schema, VectorSchemaRoot batch, int fromRow, int rowCount) {
    FooterCodec.Out out = new FooterCodec.Out();
    out.write(SegmentFormat.MAGIC, 0, 4);
    out.u16(SegmentFormat.VERSION);
    out.u16(0);
    List<ColumnChunk> chunks = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      RawChunk raw = ChunkEncoder.encode(batch.getVector(i), schema.column(i).type(), fromRow, rowCount);
      List<BufferRef> refs = new ArrayList<>();
      for (byte[] b : raw.buffers()) {
        refs.add(BufferCodec.append(out, b, b.length));
      }
      chunks.add(new ColumnChunk(schema.column(i).id(), schema.column(i).type(), raw.encoding(), refs, raw.stats()));
    }
    byte[] footer = new SegmentFooter(SegmentFormat.VERSION, rowCount, chunks).toBytes();
    out.write(footer, 0, footer.length);
    out.i32(footer.length);
    out.u16(SegmentFormat.VERSION);
    out.u16(0);
    out.write(SegmentFormat.MAGIC, 0, 4);
    return out.toByteArray();
  }

  @Test
  void bytesEqualThePlainLayout() {
    Random rnd = new Random(7);
    try (BufferAllocator allocator = new RootAllocator()) {
      for (int rows : new int[] {0, 1, 100, 20_000}) {
        List<ColumnType> types = SegmentTestData.ALL_TYPES;
        Schema schema = SegmentTestData.schemaOf(types);
        List<List<Object>> columns = new ArrayList<>();
        for (ColumnType t : types) {
          columns.add(SegmentTestData.randomColumn(t, rows, rnd));
        }
        try (VectorSchemaRoot root = SegmentTestData.root(schema, columns, allocator)) {
          assertArrayEquals(sequential(schema, root, 0, rows), SegmentWriter.encode(schema, root, 0, rows));
          if (rows > 10) {
            assertArrayEquals(sequential(schema, root, 3, rows - 10), SegmentWriter.encode(schema, root, 3, rows - 10));
          }
        }
      }
    }
  }
}
