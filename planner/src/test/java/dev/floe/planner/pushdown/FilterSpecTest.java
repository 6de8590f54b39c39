package dev.floe.planner.pushdown;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.segment.Predicate;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

class FilterSpecTest {
  private static final Schema SCHEMA = Schema.of(
      new Column(0, "i", ColumnType.of(ColumnType.Kind.INTEGER), true),
      new Column(3, "ts", ColumnType.of(ColumnType.Kind.TIMESTAMP), true),
      new Column(5, "d", ColumnType.decimal(12, 2), true),
      new Column(7, "s", ColumnType.of(ColumnType.Kind.VARCHAR), true),
      new Column(8, "b", ColumnType.of(ColumnType.Kind.VARBINARY), true),
      new Column(9, "dt", ColumnType.of(ColumnType.Kind.DATE), true));

  @Test
  void codecRoundTripsEveryShape() {
    FilterSpec spec = new FilterSpec.And(List.of(
        new FilterSpec.Compare(0, "LT", FilterSpec.Value.literal("5")),
        new FilterSpec.Or(List.of(new FilterSpec.IsNull(7, false), new FilterSpec.IsNull(7, true))),
        new FilterSpec.Not(new FilterSpec.StartsWith(7, FilterSpec.Value.literal("a\"b"))),
        new FilterSpec.Compare(3, "EQ", FilterSpec.Value.param(2)),
        new FilterSpec.Compare(5, "NE", new FilterSpec.Value(null, null))));
    assertEquals(spec, FilterSpecCodec.decode(FilterSpecCodec.encode(spec)));
    assertNull(FilterSpecCodec.decode(FilterSpecCodec.encode(null)));
  }

  @Test
  void bindsLiteralsAndParametersIntoThePhysicalDomain() {
    Object[] params = {42, 1_700_000_000_123L, new BigDecimal("1.50"), "x", new ByteString(new byte[] {1, 2}), 19_000};
    Predicate p = FilterBinder.bind(new FilterSpec.And(List.of(
        new FilterSpec.Compare(0, "EQ", FilterSpec.Value.param(0)),
        new FilterSpec.Compare(3, "GE", FilterSpec.Value.param(1)),
        new FilterSpec.Compare(5, "LE", FilterSpec.Value.param(2)),
        new FilterSpec.Compare(7, "EQ", FilterSpec.Value.param(3)),
        new FilterSpec.Compare(8, "EQ", FilterSpec.Value.param(4)),
        new FilterSpec.Compare(9, "EQ", FilterSpec.Value.param(5)),
        new FilterSpec.Compare(3, "LT", FilterSpec.Value.literal("5")))), SCHEMA, i -> params[i]);
    List<Predicate> ops = ((Predicate.And) p).operands();
    assertEquals(new Predicate.Compare(0, Predicate.Op.EQ, 42L), ops.get(0));
    assertEquals(new Predicate.Compare(3, Predicate.Op.GE, 1_700_000_000_123_000L), ops.get(1), "ms to micros");
    assertEquals(new Predicate.Compare(5, Predicate.Op.LE, new BigDecimal("1.50")), ops.get(2));
    assertEquals(new Predicate.Compare(7, Predicate.Op.EQ, "x"), ops.get(3));
    assertArrayEquals(new byte[] {1, 2}, (byte[]) ((Predicate.Compare) ops.get(4)).value());
    assertEquals(new Predicate.Compare(9, Predicate.Op.EQ, 19_000L), ops.get(5));
    assertEquals(new Predicate.Compare(3, Predicate.Op.LT, 5L), ops.get(6));
    assertEquals(Predicate.TRUE, FilterBinder.bind(null, SCHEMA, i -> null));
  }
}
