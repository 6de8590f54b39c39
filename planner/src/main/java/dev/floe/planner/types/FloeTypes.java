package dev.floe.planner.types;

import dev.floe.storage.ColumnType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps Floe column types to Calcite's and back. One place decides which SQL types Floe stores;
 * anything else is refused with {@link UnsupportedTypeException}, naming the type and the column.
 *
 * <p>VARCHAR and VARBINARY are stored without a length limit; a VARCHAR(n) or CHAR(n) column keeps
 * its declared length ({@link #declaredLength}), which every write enforces (22001, as PostgreSQL
 * does), while SQL sees the column as an unbounded VARCHAR, so Calcite adds no truncating CAST
 * before the write can check the value. A VARBINARY length is accepted and not enforced. TIME and
 * TIMESTAMP are stored in microseconds; SQL sees Calcite's precision (milliseconds).
 */
public final class FloeTypes {
  private FloeTypes() {}

  /** The Calcite type of a stored column. */
  public static RelDataType toRelType(ColumnType type, boolean nullable, RelDataTypeFactory f) {
    RelDataType t;
    switch (type.kind()) {
      case DECIMAL:
        t = f.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
        break;
      case VARCHAR:
        t = f.createSqlType(SqlTypeName.VARCHAR, RelDataType.PRECISION_NOT_SPECIFIED);
        break;
      case VARBINARY:
        t = f.createSqlType(SqlTypeName.VARBINARY, RelDataType.PRECISION_NOT_SPECIFIED);
        break;
      case TIMESTAMP_LTZ:
        t = f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3);
        break;
      case TIME:
      case TIMESTAMP:
        t = f.createSqlType(SqlTypeName.valueOf(type.kind().name()), 3);
        break;
      default:
        t = f.createSqlType(SqlTypeName.valueOf(type.kind().name()));
        break;
    }
    return f.createTypeWithNullability(t, nullable);
  }

  /**
   * The declared length of a CHAR(n) or VARCHAR(n) column (kept as {@link
   * dev.floe.storage.Column#maxLength()} and enforced on every write with 22001), or 0 for none.
   */
  public static int declaredLength(RelDataType type) {
    SqlTypeName n = type.getSqlTypeName();
    if ((n == SqlTypeName.CHAR || n == SqlTypeName.VARCHAR) && type.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
        && type.getPrecision() > 0) {
      return type.getPrecision();
    }
    return 0;
  }

  /**
   * The stored type for a declared SQL type.
   *
   * @param column the column's name, for the message
   * @throws UnsupportedTypeException for a type Floe does not store
   */
  public static ColumnType fromRelType(RelDataType type, String column) {
    SqlTypeName n = type.getSqlTypeName();
    switch (n) {
      case BOOLEAN:
        return ColumnType.of(ColumnType.Kind.BOOLEAN);
      case TINYINT:
        return ColumnType.of(ColumnType.Kind.TINYINT);
      case SMALLINT:
        return ColumnType.of(ColumnType.Kind.SMALLINT);
      case INTEGER:
        return ColumnType.of(ColumnType.Kind.INTEGER);
      case BIGINT:
        return ColumnType.of(ColumnType.Kind.BIGINT);
      case REAL:
      case FLOAT: // SQL FLOAT without precision is double in most databases; Calcite maps it to REAL's peer
        return n == SqlTypeName.REAL ? ColumnType.of(ColumnType.Kind.REAL) : ColumnType.of(ColumnType.Kind.DOUBLE);
      case DOUBLE:
        return ColumnType.of(ColumnType.Kind.DOUBLE);
      case DECIMAL: {
        int p = type.getPrecision();
        int s = Math.max(0, type.getScale());
        if (p > ColumnType.MAX_DECIMAL_PRECISION || p < 1) {
          throw new UnsupportedTypeException(column, type.getFullTypeString(),
              "DECIMAL precision must be 1 to " + ColumnType.MAX_DECIMAL_PRECISION);
        }
        return ColumnType.decimal(p, Math.min(s, p));
      }
      case CHAR:
      case VARCHAR:
        return ColumnType.of(ColumnType.Kind.VARCHAR);
      case BINARY:
      case VARBINARY:
        return ColumnType.of(ColumnType.Kind.VARBINARY);
      case DATE:
        return ColumnType.of(ColumnType.Kind.DATE);
      case TIME:
        return ColumnType.of(ColumnType.Kind.TIME);
      case TIMESTAMP:
        return ColumnType.of(ColumnType.Kind.TIMESTAMP);
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return ColumnType.of(ColumnType.Kind.TIMESTAMP_LTZ);
      default:
        throw new UnsupportedTypeException(column, type.getFullTypeString(),
            "Floe stores BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL(p,s),"
                + " VARCHAR, VARBINARY, DATE, TIME, TIMESTAMP and TIMESTAMP WITH LOCAL TIME ZONE");
    }
  }
}
