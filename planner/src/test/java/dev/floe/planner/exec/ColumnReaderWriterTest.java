package dev.floe.planner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

class ColumnReaderWriterTest {
  private record Case(ArrowType type, List<Object> values) {}

  private static List<Object> vals(Object... v) {
    return new ArrayList<>(Arrays.asList(v));
  }

  @Test
  void everyVectorRoundTripsCalciteValuesAndNulls() {
    List<Case> cases = List.of(
        new Case(ArrowType.Bool.INSTANCE, vals(true, null, false)),
        new Case(new ArrowType.Int(8, true), vals(Byte.MIN_VALUE, null, Byte.MAX_VALUE)),
        new Case(new ArrowType.Int(16, true), vals(Short.MIN_VALUE, null, (short) 0)),
        new Case(new ArrowType.Int(32, true), vals(Integer.MIN_VALUE, null, Integer.MAX_VALUE)),
        new Case(new ArrowType.Int(64, true), vals(Long.MIN_VALUE, null, Long.MAX_VALUE)),
        new Case(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), vals(Float.NaN, null, -0.0f)),
        new Case(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
            vals(Double.NEGATIVE_INFINITY, null, Double.MAX_VALUE)),
        new Case(new ArrowType.Decimal(38, 4, 128),
            vals(new BigDecimal("-9999999999999999999999999999999999.9999"), null, new BigDecimal("0.0001"))),
        new Case(ArrowType.Utf8.INSTANCE, vals("", null, "héllo ✓ 𝄞")),
        new Case(ArrowType.Binary.INSTANCE, vals(new ByteString(new byte[0]), null, new ByteString(new byte[] {0, -1}))),
        new Case(new ArrowType.Date(DateUnit.DAY), vals(-719162, null, 0)),
        new Case(new ArrowType.Time(TimeUnit.MICROSECOND, 64), vals(0, null, 86_399_999)),
        new Case(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), vals(-62135596800000L, null, 1_700_000_000_123L)),
        new Case(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), vals(-1L, null, 0L)));
    try (BufferAllocator a = new RootAllocator()) {
      for (Case c : cases) {
        try (FieldVector v = FieldType.nullable(c.type).createNewSingleVector("c", a, null)) {
          v.allocateNew();
          ColumnWriter w = ColumnWriter.of(v);
          for (int i = 0; i < c.values.size(); i++) {
            w.set(i, c.values.get(i));
          }
          v.setValueCount(c.values.size());
          ColumnReader r = ColumnReader.of(v);
          for (int i = 0; i < c.values.size(); i++) {
            assertEquals(c.values.get(i), r.get(i), c.type + " row " + i);
          }
        }
      }
      assertEquals(0, a.getAllocatedMemory());
    }
  }

  @Test
  void microsecondsFloorToMilliseconds() {
    try (BufferAllocator a = new RootAllocator();
        FieldVector v = FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null))
            .createNewSingleVector("t", a, null)) {
      v.allocateNew();
      ((org.apache.arrow.vector.TimeStampMicroVector) v).setSafe(0, -1);
      ((org.apache.arrow.vector.TimeStampMicroVector) v).setSafe(1, 1999);
      v.setValueCount(2);
      assertEquals(-1L, ColumnReader.of(v).get(0));
      assertEquals(1L, ColumnReader.of(v).get(1));
    }
  }

  @Test
  void unknownVectorsAreRefused() {
    try (BufferAllocator a = new RootAllocator();
        FieldVector v = FieldType.nullable(new ArrowType.Duration(TimeUnit.SECOND)).createNewSingleVector("d", a, null)) {
      assertThrows(IllegalArgumentException.class, () -> ColumnReader.of(v));
      assertThrows(IllegalArgumentException.class, () -> ColumnWriter.of(v));
    }
  }
}
