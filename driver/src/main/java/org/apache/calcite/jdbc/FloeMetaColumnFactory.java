package org.apache.calcite.jdbc;

import java.sql.Types;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.schema.Table;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Column metadata as JDBC clients expect it: TYPE_NAME is the plain SQL type name ({@code
 * INTEGER}, {@code DECIMAL}, not Calcite's {@code INTEGER NOT NULL} or {@code DECIMAL(12, 2)}),
 * and COLUMN_SIZE is the type's precision for every type (Calcite reports -1 where the type takes
 * no precision argument; unbounded VARCHAR and VARBINARY report {@link Integer#MAX_VALUE}), but for
 * TIME and TIMESTAMP, whose COLUMN_SIZE is the length of their text ({@code 2024-01-02 03:04:05.678}
 * is 23) and DECIMAL_DIGITS the fractional seconds' precision, as JDBC defines them.
 */
final class FloeMetaColumnFactory extends CalciteMetaColumnFactoryImpl {
  static final FloeMetaColumnFactory INSTANCE = new FloeMetaColumnFactory();

  /** Fractional digits of TIME and TIMESTAMP without a declared precision (the type system's default). */
  private static final int DEFAULT_FRACTION = 3;

  private FloeMetaColumnFactory() {}

  @Override
  public MetaColumn createColumn(Table table, String tableCat, String tableSchem, String tableName,
      String columnName, int dataType, String typeName, Integer columnSize,
      @Nullable Integer decimalDigits, int numPrecRadix, int nullable, Integer charOctetLength,
      int ordinalPosition, String isNullable) {
    String plain = plainTypeName(typeName);
    int size = columnSize == null || columnSize < 0 ? defaultSize(dataType) : columnSize;
    if (dataType == Types.TIME || dataType == Types.TIMESTAMP || dataType == Types.TIMESTAMP_WITH_TIMEZONE) {
      // JDBC: the length of the value as text; Calcite passes the fractional seconds' precision
      int fraction = columnSize == null || columnSize < 0 ? DEFAULT_FRACTION : columnSize;
      size = (dataType == Types.TIME ? 8 : 19) + (fraction > 0 ? fraction + 1 : 0);
      decimalDigits = fraction;
    }
    Integer octets = dataType == Types.VARCHAR || dataType == Types.VARBINARY ? Integer.valueOf(size) : null;
    return super.createColumn(table, tableCat, tableSchem, tableName, columnName, dataType, plain,
        size, decimalDigits, numPrecRadix, nullable, octets, ordinalPosition, isNullable);
  }

  /** {@code DECIMAL(12, 2) NOT NULL} becomes {@code DECIMAL}; Calcite's underscored names get SQL's spaces. */
  static String plainTypeName(String calciteName) {
    String t = calciteName.replace(" NOT NULL", "").replace("TIMESTAMP_WITH_LOCAL_TIME_ZONE", "TIMESTAMP WITH LOCAL TIME ZONE");
    int paren = t.indexOf('(');
    if (paren >= 0) {
      int close = t.indexOf(')', paren);
      t = (t.substring(0, paren) + (close >= 0 ? t.substring(close + 1) : "")).trim();
    }
    return t;
  }

  private static int defaultSize(int jdbcType) {
    switch (jdbcType) {
      case Types.BOOLEAN:
        return 1;
      case Types.TINYINT:
        return 3;
      case Types.SMALLINT:
        return 5;
      case Types.INTEGER:
        return 10;
      case Types.BIGINT:
        return 19;
      case Types.REAL:
        return 7;
      case Types.DOUBLE:
      case Types.FLOAT:
        return 15;
      case Types.DATE:
        return 10;
      case Types.TIME:
        return 12;
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return 23;
      default:
        return Integer.MAX_VALUE;
    }
  }
}
