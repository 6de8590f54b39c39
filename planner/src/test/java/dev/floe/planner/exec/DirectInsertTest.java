package dev.floe.planner.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.table.FloeOptions;
import dev.floe.storage.table.FloeStore;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which batches take the direct path, and that values are bound without any lossy conversion. */
class DirectInsertTest {
  @Test
  void plansOnlyPlainParameterizedInserts() {
    try (FloeStore store = FloeStore.open(MemoryStore.open("direct-" + UUID.randomUUID()), FloeOptions.defaults())) {
      store.create("t", new Schema(List.of(
          new Column(0, "id", ColumnType.of(ColumnType.Kind.BIGINT), false),
          new Column(1, "amount", ColumnType.decimal(6, 2), true),
          new Column(2, "note", ColumnType.of(ColumnType.Kind.VARCHAR), true, "'none'"),
          new Column(3, "extra", ColumnType.of(ColumnType.Kind.INTEGER), true))));
      assertTrue(DirectInsert.plan("INSERT INTO t VALUES (?, ?, ?, ?)", store, "floe").isPresent());
      assertTrue(DirectInsert.plan("insert into floe.T (note, id, amount) values (?, ?, ?)", store, "floe").isPresent());
      for (String sql : List.of("INSERT INTO t (id, amount) VALUES (?, ?)", // note has a DEFAULT
          "INSERT INTO t (amount) VALUES (?)", // id is NOT NULL: Calcite reports it
          "INSERT INTO t VALUES (?, ?, ?, 1)", "INSERT INTO t VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
          "INSERT INTO t SELECT * FROM t", "INSERT INTO other.t VALUES (?, ?, ?, ?)", "INSERT INTO nosuch VALUES (?)",
          "UPDATE t SET id = ?", "INSERT INTO t (id, id, note) VALUES (?, ?, ?)", "not sql")) {
        assertTrue(DirectInsert.plan(sql, store, "floe").isEmpty(), sql);
      }
      DirectInsert plan = DirectInsert.plan("INSERT INTO t (note, extra, amount, id) VALUES (?, ?, ?, ?)", store, "floe")
          .orElseThrow();
      Object[] row = plan.bind(List.of(Arrays.asList("n", 7, new BigDecimal("1.5"), 9))).orElseThrow().get(0);
      assertArrayEquals(new Object[] {9L, new BigDecimal("1.50"), "n", 7}, row, "reordered, widened, scaled");
      assertEquals(new BigDecimal("1.51"), plan.bind(List.of(Arrays.asList("n", 7, new BigDecimal("1.505"), 9)))
          .orElseThrow().get(0)[1], "rounded half away from zero, as a literal");
      assertThrows(ArithmeticException.class, () -> plan.bind(List.of(Arrays.asList("n", 7L << 40, null, 9))),
          "INTEGER overflow is 22003, not Calcite's wrap-around");
      assertTrue(plan.bind(List.of(Arrays.asList("n", 7, null, "9"))).isEmpty(), "text for BIGINT is Calcite's");
      assertArrayEquals(new Object[] {null, null, null, null},
          plan.bind(List.of(Arrays.asList(null, null, null, null))).orElseThrow().get(0), "NULLs stay NULL");
    }
  }

  @Test
  void coercionIsExactOrRefused() {
    assertEquals(5.0, DirectInsert.coerce(5, ColumnType.of(ColumnType.Kind.DOUBLE)));
    assertNull(DirectInsert.coerce((1L << 53) + 1, ColumnType.of(ColumnType.Kind.DOUBLE)));
    assertNull(DirectInsert.coerce(1.5, ColumnType.of(ColumnType.Kind.BIGINT)));
    assertThrows(ArithmeticException.class, () -> DirectInsert.coerce(300, ColumnType.of(ColumnType.Kind.TINYINT)));
    assertEquals((byte) 3, DirectInsert.coerce(3L, ColumnType.of(ColumnType.Kind.TINYINT)));
    assertThrows(ArithmeticException.class, () -> DirectInsert.coerce(new BigDecimal("12345.6"), ColumnType.decimal(6, 2)));
    assertThrows(ArithmeticException.class, () -> DirectInsert.coerce(new BigDecimal("9999.995"), ColumnType.decimal(6, 2)));
    assertEquals(new BigDecimal("-1.00"), DirectInsert.coerce(new BigDecimal("-0.995"), ColumnType.decimal(6, 2)));
    assertEquals(1L, DirectInsert.coerce(1L, ColumnType.of(ColumnType.Kind.TIMESTAMP)));
    assertNull(DirectInsert.coerce(1, ColumnType.of(ColumnType.Kind.TIMESTAMP)));
    assertNull(DirectInsert.coerce("true", ColumnType.of(ColumnType.Kind.BOOLEAN)));
  }
}
