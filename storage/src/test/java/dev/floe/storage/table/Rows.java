package dev.floe.storage.table;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Real rows for the data tests: (id BIGINT NOT NULL, grp INTEGER, name VARCHAR). */
final class Rows {
  static final Schema SCHEMA = Schema.of(
      new Column(0, "id", ColumnType.of(ColumnType.Kind.BIGINT), false),
      new Column(1, "grp", ColumnType.of(ColumnType.Kind.INTEGER), true),
      new Column(2, "name", ColumnType.of(ColumnType.Kind.VARCHAR), true));

  private Rows() {}

  /** A batch of the ids {@code from..to-1}: grp = id % 10, name = "n" + id. The caller closes it. */
  static VectorSchemaRoot batch(BufferAllocator a, long from, long to) {
    return batch(a, SCHEMA, from, to);
  }

  /** As {@link #batch(BufferAllocator, long, long)} for a schema starting with those columns; others NULL. */
  static VectorSchemaRoot batch(BufferAllocator a, Schema schema, long from, long to) {
    VectorSchemaRoot root = ArrowTypes.createRoot(schema, a);
    root.allocateNew();
    int n = (int) (to - from);
    for (int i = 0; i < n; i++) {
      long id = from + i;
      ((BigIntVector) root.getVector(0)).setSafe(i, id);
      ((IntVector) root.getVector(1)).setSafe(i, (int) (id % 10));
      ((VarCharVector) root.getVector(2)).setSafe(i, ("n" + id).getBytes());
    }
    for (FieldVector v : root.getFieldVectors()) {
      v.setValueCount(n);
    }
    root.setRowCount(n);
    return root;
  }

  /** The selected rows of a scan, each as a list of the scanned columns' values ({@code getObject}, Text as String). */
  static List<List<Object>> read(TableVersion v, List<String> columns, Predicate where) {
    List<List<Object>> out = new ArrayList<>();
    try (TableScan scan = v.scan(columns, where)) {
      while (scan.hasNext()) {
        try (SegmentBatch b = scan.next()) {
          int[] sel = b.selection();
          int n = sel == null ? b.rowCount() : sel.length;
          for (int i = 0; i < n; i++) {
            int row = sel == null ? i : sel[i];
            List<Object> r = new ArrayList<>();
            for (FieldVector fv : b.root().getFieldVectors()) {
              Object o = fv.getObject(row);
              r.add(o == null ? null : o instanceof byte[] bs ? Arrays.toString(bs) : o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o);
            }
            out.add(r);
          }
        }
      }
    }
    out.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
    return out;
  }

  /** The ids of a version, sorted. */
  static List<Long> ids(TableVersion v) {
    return read(v, List.of("id"), Predicate.TRUE).stream().map(r -> (Long) r.get(0)).sorted().toList();
  }

  static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }
}
