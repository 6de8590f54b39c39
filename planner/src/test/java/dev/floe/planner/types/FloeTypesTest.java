package dev.floe.planner.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.ColumnType;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class FloeTypesTest {
  private final RelDataTypeFactory f = new JavaTypeFactoryImpl(FloeTypeSystem.INSTANCE);

  @Test
  void everyStoredTypeRoundTripsThroughCalcite() {
    for (ColumnType.Kind k : ColumnType.Kind.values()) {
      ColumnType t = k == ColumnType.Kind.DECIMAL ? ColumnType.decimal(38, 10) : ColumnType.of(k);
      RelDataType rel = FloeTypes.toRelType(t, true, f);
      assertTrue(rel.isNullable());
      assertEquals(t, FloeTypes.fromRelType(rel, "c"), k.name());
      assertFalse(FloeTypes.toRelType(t, false, f).isNullable());
    }
  }

  @Test
  void declaredLengthsAndAliasesMapToStoredTypes() {
    assertEquals(ColumnType.of(ColumnType.Kind.VARCHAR),
        FloeTypes.fromRelType(f.createSqlType(SqlTypeName.VARCHAR, 20), "c"));
    assertEquals(ColumnType.of(ColumnType.Kind.VARCHAR),
        FloeTypes.fromRelType(f.createSqlType(SqlTypeName.CHAR, 3), "c"));
    assertEquals(ColumnType.decimal(12, 2),
        FloeTypes.fromRelType(f.createSqlType(SqlTypeName.DECIMAL, 12, 2), "c"));
  }

  @Test
  void unsupportedTypesNameTheColumn() {
    UnsupportedTypeException e = assertThrows(UnsupportedTypeException.class,
        () -> FloeTypes.fromRelType(f.createArrayType(f.createSqlType(SqlTypeName.INTEGER), -1), "tags"));
    assertTrue(e.getMessage().contains("'tags'") && e.getMessage().contains("Floe stores"), e.getMessage());
  }
}
