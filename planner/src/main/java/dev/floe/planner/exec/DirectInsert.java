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
 * same answer or the same error.
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
    SqlNode node;
    try {
      node = SqlParser.create(sql, PARSER).parseStmt();
    } catch (SqlParseException | RuntimeException e) {
      return Optional.empty();
    }
    if (!(node instanceof SqlInsert insert) || insert.getModifierNode(org.apache.calcite.sql.SqlInsertKeyword.UPSERT) != null
        || !(insert.getTargetTable() instanceof SqlIdentifier target)
        || !(insert.getSource() instanceof SqlBasicCall values) || values.getKind() != SqlKind.VALUES
        || values.operandCount() != 1 || !(values.operand(0) instanceof SqlBasicCall row)
        || row.getKind() != SqlKind.ROW) {
      return Optional.empty();
    }
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

  /** Inserts bound rows through {@code appender} (committed by its owner). */
  public static void add(RowAppender appender, List<Object[]> rows) {
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
        return integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE) ? (Object) ((Number) v).byteValue() : null;
      case SMALLINT:
        return integral(v, Short.MIN_VALUE, Short.MAX_VALUE) ? (Object) ((Number) v).shortValue() : null;
      case INTEGER:
        return integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE) ? (Object) ((Number) v).intValue() : null;
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
        if (d == null || d.scale() > type.scale()) {
          return null; // rounding is Calcite's to do
        }
        d = d.setScale(type.scale(), RoundingMode.UNNECESSARY);
        return d.precision() <= type.precision() ? d : null;
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

  private static boolean integral(Object v, long min, long max) {
    if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
      return false;
    }
    long l = ((Number) v).longValue();
    return l >= min && l <= max;
  }
}
