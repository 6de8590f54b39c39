package dev.floe.planner.exec;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.table.FloeStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The fast path of a JDBC batch of {@code INSERT INTO t [(columns)] VALUES (?, ?, ...)}: each
 * parameter set is bound straight into the table's Arrow vectors ({@link RowAppender}), with no
 * planning or generated code per row. Only for statements of exactly that shape whose every
 * parameter value already has its column's type (Calcite's internal representation, as {@code
 * TypedValue.toLocal} gives it) or an exact widening of it; anything else (a cast Calcite would
 * round or parse, an omitted column with a DEFAULT or NOT NULL, another statement shape) returns
 * empty from {@link #plan} or {@link #bind}, and the batch takes Calcite's path, which gives the
 * same answer or the same error. A whole number out of its integer column's range fails here with
 * 22003, as the same literal does (Calcite's path would wrap it around).
 */
public final class DirectInsert {
  private static final SqlParser.Config PARSER = SqlParser.config()
      .withParserFactory(dev.floe.planner.ddl.FloeDdlExecutor.PARSER_FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true)
      .withConformance(SqlConformanceEnum.LENIENT);

  private final String table;
  private final Schema schema;
  /** For each table column, the parameter index that fills it, or -1 (NULL). */
  private final int[] source;

  private DirectInsert(String table, Schema schema, int[] source) {
    this.table = table;
    this.schema = schema;
    this.source = source;
  }

  /** The table the statement inserts into. */
  public String table() {
    return table;
  }

  /**
   * The plan for {@code sql} if it is a plain parameterized single-row INSERT into a Floe table of
   * {@code store} ({@code schema} names other than {@code defaultSchema} are not), else empty.
   */
  public static Optional<DirectInsert> plan(String sql, FloeStore store, String defaultSchema) {
    Optional<SqlInsert> shaped = parse(sql);
    if (shaped.isEmpty()) {
      return Optional.empty();
    }
    SqlInsert insert = shaped.get();
    SqlIdentifier target = (SqlIdentifier) insert.getTargetTable();
    SqlBasicCall row = ((SqlBasicCall) insert.getSource()).operand(0);
    List<String> names = target.names;
    if (names.size() > 2 || (names.size() == 2 && !names.get(0).equals(defaultSchema))) {
      return Optional.empty();
    }
    String name = names.get(names.size() - 1);
    Optional<dev.floe.storage.table.Table> t;
    try {
      t = store.find(name);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Schema schema = t.get().latest().schema();
    List<String> targets = new ArrayList<>();
    if (insert.getTargetColumnList() == null) {
      schema.columns().forEach(c -> targets.add(c.name()));
    } else {
      for (SqlNode c : insert.getTargetColumnList()) {
        if (!(c instanceof SqlIdentifier id) || !id.isSimple()) {
          return Optional.empty();
        }
        targets.add(id.getSimple());
      }
    }
    if (targets.size() != row.operandCount()) {
      return Optional.empty();
    }
    int[] source = new int[schema.size()];
    java.util.Arrays.fill(source, -1);
    for (int i = 0; i < targets.size(); i++) {
      SqlNode operand = row.operand(i);
      Optional<Column> c = schema.byName(targets.get(i));
      if (!(operand instanceof SqlDynamicParam p) || c.isEmpty() || source[schema.columns().indexOf(c.get())] >= 0) {
        return Optional.empty();
      }
      source[schema.columns().indexOf(c.get())] = p.getIndex();
    }
    for (int i = 0; i < source.length; i++) {
      Column c = schema.column(i);
      if (source[i] < 0 && (c.defaultSql() != null || !c.nullable())) {
        return Optional.empty(); // Calcite fills the DEFAULT or reports the NOT NULL column
      }
    }
    return Optional.of(new DirectInsert(name, schema, source));
  }

  /**
   * Whether {@code sql} has the shape {@link #plan} takes ({@code INSERT INTO t [(columns)] VALUES
   * (?, ...)}, one row, every value a parameter), whatever the table; parses it, reads nothing.
   */
  public static boolean shaped(String sql) {
    return parse(sql).filter(i -> {
      SqlBasicCall row = ((SqlBasicCall) i.getSource()).operand(0);
      return row.getOperandList().stream().allMatch(o -> o instanceof SqlDynamicParam);
    }).isPresent();
  }

  private static Optional<SqlInsert> parse(String sql) {
    SqlNode node;
    try {
      node = SqlParser.create(sql, PARSER).parseStmt();
    } catch (SqlParseException | RuntimeException e) {
      return Optional.empty();
    }
    if (!(node instanceof SqlInsert insert) || insert.getModifierNode(org.apache.calcite.sql.SqlInsertKeyword.UPSERT) != null
        || !(insert.getTargetTable() instanceof SqlIdentifier)
        || !(insert.getSource() instanceof SqlBasicCall values) || values.getKind() != SqlKind.VALUES
        || values.operandCount() != 1 || !(values.operand(0) instanceof SqlBasicCall row)
        || row.getKind() != SqlKind.ROW) {
      return Optional.empty();
    }
    return Optional.of(insert);
  }

  /**
   * Every parameter set as a table row in Calcite's internal representation, or empty if any value
   * would need a conversion only Calcite performs.
   *
   * @param parameters per row, the parameter values as {@code TypedValue.toLocal} gives them
   */
  public Optional<List<Object[]>> bind(List<List<Object>> parameters) {
    List<Object[]> rows = new ArrayList<>(parameters.size());
    for (List<Object> params : parameters) {
      Object[] row = new Object[source.length];
      for (int i = 0; i < source.length; i++) {
        if (source[i] < 0) {
          continue;
        }
        if (source[i] >= params.size()) {
          return Optional.empty();
        }
        Object v = params.get(source[i]);
        if (v != null) {
          v = coerce(v, schema.column(i).type());
          if (v == null) {
            return Optional.empty();
          }
        }
        row[i] = v;
      }
      rows.add(row);
    }
    return Optional.of(rows);
  }

  /**
   * The parameter sets of {@code batch} as the table's columns, or empty when any value would need
   * what only Calcite's path (or the row-wise {@link #bind(List)}) does: a conversion {@link #coerce}
   * declines, a NULL for a NOT NULL column (that path reports it), a timestamp out of range. The
   * values are exactly those {@link #bind(List)} gives for the same parameters.
   */
  public Optional<ColumnBatch> bind(ParameterColumns batch) {
    int n = batch.rows();
    int columns = source.length;
    ColumnType[] types = new ColumnType[columns];
    long[][] prims = new long[columns][];
    Object[][] objects = new Object[columns][];
    boolean[][] nulls = new boolean[columns][];
    for (int c = 0; c < columns; c++) {
      Column column = schema.column(c);
      ColumnType type = column.type();
      types[c] = type;
      int p = source[c];
      if (p < 0) {
        continue; // every value NULL: the column is nullable without a DEFAULT (plan checked)
      }
      if (p >= batch.parameters()) {
        return Optional.empty();
      }
      byte[] tags = batch.tags(p);
      long[] values = batch.prims(p);
      Object[] refs = batch.refs(p);
      boolean primitive = ColumnBatch.primitive(type);
      long[] out = primitive ? new long[n] : null;
      Object[] obj = primitive && type.kind() != ColumnType.Kind.VARCHAR ? null : new Object[n];
      boolean[] isNull = null;
      for (int r = 0; r < n; r++) {
        byte t = tags[r];
        if (t <= ParameterColumns.NULL) {
          if (!column.nullable()) {
            return Optional.empty();
          }
          if (isNull == null) {
            isNull = new boolean[n];
          }
          isNull[r] = true;
          continue;
        }
        if (primitive) {
          if (!fast(type, t, values[r], out, r)) {
            Object v = coerce(ParameterColumns.local(t, values[r], refs == null ? null : refs[r]), type);
            if (v == null || !unbox(type, v, out, r)) {
              return Optional.empty();
            }
          }
        } else if (t == ParameterColumns.STRING && type.kind() == ColumnType.Kind.VARCHAR) {
          obj[r] = StringLengths.fit(column, table, refs[r]);
        } else {
          Object v = coerce(ParameterColumns.local(t, values[r], refs == null ? null : refs[r]), type);
          if (v == null) {
            return Optional.empty();
          }
          obj[r] = StringLengths.fit(column, table, v);
        }
      }
      prims[c] = out;
      objects[c] = obj;
      nulls[c] = isNull;
    }
    return Optional.of(new ColumnBatch(types, prims, objects, nulls, n));
  }

  /** Largest magnitude of milliseconds whose microseconds fit a long. */
  private static final long MAX_MILLIS = Long.MAX_VALUE / 1000;

  /**
   * Stores a primitive-tagged value into {@code out[r]} for the common pairs of tag and column type,
   * with exactly {@link #coerce}'s result; false when this pair (or value) is not one of them.
   */
  private static boolean fast(ColumnType type, byte t, long v, long[] out, int r) {
    boolean integral = t == ParameterColumns.BYTE || t == ParameterColumns.SHORT || t == ParameterColumns.INT
        || t == ParameterColumns.LONG;
    switch (type.kind()) {
      case BIGINT:
        if (integral) {
          out[r] = v;
          return true;
        }
        return false;
      case INTEGER:
        if (integral && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
          out[r] = v;
          return true;
        }
        return false;
      case DOUBLE:
        if (t == ParameterColumns.DOUBLE) {
          out[r] = v;
          return true;
        }
        if (t == ParameterColumns.FLOAT) {
          out[r] = Double.doubleToRawLongBits(Float.intBitsToFloat((int) v));
          return true;
        }
        return false;
      case TIMESTAMP:
      case TIMESTAMP_LTZ:
        if ((t == ParameterColumns.TIMESTAMP || t == ParameterColumns.LONG) && v >= -MAX_MILLIS && v <= MAX_MILLIS) {
          out[r] = v;
          return true;
        }
        return false;
      case BOOLEAN:
        if (t == ParameterColumns.BOOLEAN) {
          out[r] = v;
          return true;
        }
        return false;
      case DATE:
        if (t == ParameterColumns.DATE) {
          out[r] = v;
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  /** Stores {@code v}, a value {@link #coerce} gave for {@code type}, in {@code out[r]}; false if it cannot be. */
  private static boolean unbox(ColumnType type, Object v, long[] out, int r) {
    switch (type.kind()) {
      case BOOLEAN:
        out[r] = (Boolean) v ? 1 : 0;
        return true;
      case REAL:
        out[r] = Float.floatToRawIntBits((Float) v);
        return true;
      case DOUBLE:
        out[r] = Double.doubleToRawLongBits((Double) v);
        return true;
      case TIMESTAMP:
      case TIMESTAMP_LTZ: {
        long l = (Long) v;
        if (l < -MAX_MILLIS || l > MAX_MILLIS) {
          return false; // the row-wise path reports the overflow
        }
        out[r] = l;
        return true;
      }
      case DECIMAL:
        out[r] = ColumnBatch.unscaled((BigDecimal) v, type.scale());
        return true;
      default:
        out[r] = ((Number) v).longValue();
        return true;
    }
  }

  /**
   * Inserts bound rows through {@code appender} (committed by its owner); a NULL in a NOT NULL
   * column fails the call before any row is added (so a transaction's batch is all or nothing).
   */
  public static void add(RowAppender appender, List<Object[]> rows) {
    for (Object[] row : rows) {
      appender.check(row);
    }
    for (Object[] row : rows) {
      appender.add(row);
    }
  }

  /** {@code v} as the column's internal value, or null when only Calcite may convert it. */
  static Object coerce(Object v, ColumnType type) {
    switch (type.kind()) {
      case BOOLEAN:
        return v instanceof Boolean ? v : null;
      case TINYINT:
        return inRange(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "tinyint") ? (Object) ((Number) v).byteValue() : null;
      case SMALLINT:
        return inRange(v, Short.MIN_VALUE, Short.MAX_VALUE, "smallint") ? (Object) ((Number) v).shortValue() : null;
      case INTEGER:
        return inRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer") ? (Object) ((Number) v).intValue() : null;
      case BIGINT:
        return integral(v, Long.MIN_VALUE, Long.MAX_VALUE) ? (Object) ((Number) v).longValue() : null;
      case REAL:
        return v instanceof Float || integral(v, -(1L << 24), 1L << 24) ? (Object) ((Number) v).floatValue() : null;
      case DOUBLE:
        return v instanceof Double || v instanceof Float || integral(v, -(1L << 53), 1L << 53)
            ? (Object) ((Number) v).doubleValue() : null;
      case DECIMAL: {
        BigDecimal d = v instanceof BigDecimal b ? b
            : integral(v, Long.MIN_VALUE, Long.MAX_VALUE) ? BigDecimal.valueOf(((Number) v).longValue()) : null;
        if (d == null) {
          return null;
        }
        // a literal's rounding (half away from zero), and its error when the digits do not fit
        BigDecimal r = d.setScale(type.scale(), RoundingMode.HALF_UP);
        if (r.precision() - r.scale() > type.precision() - type.scale()) {
          throw new ArithmeticException("Value " + d.toPlainString() + " cannot be represented as a DECIMAL("
              + type.precision() + ", " + type.scale() + "); bind a value with at most "
              + (type.precision() - type.scale()) + " digits before the point, or widen the column");
        }
        return r;
      }
      case VARCHAR:
        return v instanceof String ? v : null;
      case VARBINARY:
        return v instanceof ByteString ? v : v instanceof byte[] b ? new ByteString(b) : null;
      case DATE:
      case TIME:
        return v instanceof Integer ? v : null;
      case TIMESTAMP:
      case TIMESTAMP_LTZ:
        return v instanceof Long ? v : null;
      default:
        return null;
    }
  }

  /**
   * Whether {@code v} is a whole number of a Java integer type (else Calcite converts it); one
   * outside {@code [min, max]} fails with "integer out of range" (22003), as a literal does and as
   * PostgreSQL does, where Calcite's cast of a wider parameter would wrap it around.
   */
  private static boolean inRange(Object v, long min, long max, String type) {
    if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
      return false;
    }
    long l = ((Number) v).longValue();
    if (l < min || l > max) {
      throw new ArithmeticException(type + " out of range: " + l + " does not fit the column's type "
          + type.toUpperCase(java.util.Locale.ROOT) + " [" + min + ", " + max + "]; bind a value in that range, or"
          + " widen the column");
    }
    return true;
  }

  private static boolean integral(Object v, long min, long max) {
    if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
      return false;
    }
    long l = ((Number) v).longValue();
    return l >= min && l <= max;
  }
}
