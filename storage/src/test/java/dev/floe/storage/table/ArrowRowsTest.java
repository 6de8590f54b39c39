package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class ArrowRowsTest {
  @Test
  void selectsRowsAndAssignsValues() {
    try (BufferAllocator a = new RootAllocator();
        BigIntVector id = new BigIntVector("id", a);
        VarCharVector name = new VarCharVector("name", a);
        DecimalVector price = new DecimalVector("price", a, 10, 2)) {
      for (int i = 0; i < 5; i++) {
        id.setSafe(i, i);
        name.setSafe(i, ("n" + i).getBytes());
        price.setSafe(i, BigDecimal.valueOf(i, 2));
      }
      id.setValueCount(5);
      name.setValueCount(5);
      price.setValueCount(5);
      try (VectorSchemaRoot src = new VectorSchemaRoot(List.<FieldVector>of(id, name, price));
          VectorSchemaRoot out = ArrowRows.select(src, ArrowRows.complement(5, new int[] {1, 3}), a)) {
        assertArrayEquals(new int[] {0, 2, 4}, ArrowRows.complement(5, new int[] {1, 3}));
        assertEquals(3, out.getRowCount());
        assertEquals(4L, ((BigIntVector) out.getVector(0)).get(2));
        try (VectorSchemaRoot upd = ArrowRows.assign(src, new int[] {1, 4}, java.util.Map.of(1, "middle-value"), a)) {
          assertEquals("n0", upd.getVector(1).getObject(0).toString());
          assertEquals("middle-value", upd.getVector(1).getObject(1).toString());
          assertEquals("n2", upd.getVector(1).getObject(2).toString());
          assertEquals("middle-value", upd.getVector(1).getObject(4).toString());
          assertEquals(3L, ((BigIntVector) upd.getVector(0)).get(3));
        }
        ArrowRows.set(out.getVector(1), 0, "changed");
        ArrowRows.set(out.getVector(2), 1, new BigDecimal("1.005"));
        ArrowRows.set(out.getVector(0), 2, null);
        assertEquals("changed", out.getVector(1).getObject(0).toString());
        assertEquals(new BigDecimal("1.01"), out.getVector(2).getObject(1));
        assertTrue(out.getVector(0).isNull(2));
        FloeException e = assertThrows(FloeException.class, () -> ArrowRows.set(out.getVector(0), 0, "x"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertThrows(FloeException.class, () -> ArrowRows.set(out.getVector(2), 0, new BigDecimal("123456789.5")));
      }
    }
  }
}
