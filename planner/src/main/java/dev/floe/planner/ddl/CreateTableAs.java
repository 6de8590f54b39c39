package dev.floe.planner.ddl;

import dev.floe.planner.exec.Allocators;
import dev.floe.planner.exec.RowAppender;
import dev.floe.planner.exec.StatementCancel;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.table.FloeStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.floe.planner.types.FloeTypeSystem;
import dev.floe.planner.types.FloeTypes;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * CREATE TABLE name [(columns)] AS query: runs the query on the statement's own connection, takes
 * the column names, types and nullability from its result, and creates the table with every row in
 * its version 0 ({@link FloeStore#createAs}): the table appears with its rows or not at all. A
 * cancel or timeout of the CREATE statement cancels the query too ({@link StatementCancel}), and
 * creates nothing.
 */
final class CreateTableAs {
  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl(FloeTypeSystem.INSTANCE);

  private CreateTableAs() {}

  static void execute(FloeStore store, Connection connection, String name, List<String> columnNames,
      String query) {
    AtomicBoolean cancel = StatementCancel.current();
    try (Statement s = connection.createStatement();
        ResultSet rs = executeQuery(s, query, cancel)) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      if (columnNames != null && columnNames.size() != n) {
        throw new FloeException(ErrorCode.INVALID_ARGUMENT, "CREATE TABLE " + name + " names "
            + columnNames.size() + " columns but the query returns " + n);
      }
      List<Column> columns = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        String column = columnNames != null ? columnNames.get(i - 1) : md.getColumnLabel(i);
        columns.add(new Column(i - 1, column, type(md, i, column),
            md.isNullable(i) != ResultSetMetaData.columnNoNulls));
      }
      Schema schema = new Schema(columns);
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        StatementCancel.check(cancel);
        Object[] row = new Object[n];
        for (int i = 1; i <= n; i++) {
          row[i - 1] = internal(rs, i, columns.get(i - 1).type());
        }
        rows.add(row);
      }
      try (BufferAllocator allocator = Allocators.forStatement("create table as " + name);
          VectorSchemaRoot root = ArrowTypes.createRoot(schema, allocator)) {
        root.allocateNew();
        RowAppender.fill(root, rows);
        StatementCancel.check(cancel);
        store.createAs(name, schema, root);
      }
    } catch (RuntimeException e) {
      throw stoppedOr(cancel, e);
    } catch (SQLException e) {
      if (cancel != null && cancel.get()) {
        throw stoppedOr(cancel, e);
      }
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "the query of CREATE TABLE " + name
          + " failed: " + e.getMessage(), e);
    }
  }

  /** Runs the query on {@code s}, which {@code cancel}'s statement cancels with itself. */
  private static ResultSet executeQuery(Statement s, String query, AtomicBoolean cancel) throws SQLException {
    StatementCancel.check(cancel); // stopped while the CREATE was planned: do not plan the query
    StatementCancel.onCancel(cancel, () -> {
      try {
        s.cancel();
      } catch (SQLException e) {
        // closed already: nothing left to stop
      }
    });
    return s.executeQuery(query);
  }

  /** The cancel or timeout of the CREATE statement if it was stopped (with {@code e} suppressed), else {@code e}. */
  private static RuntimeException stoppedOr(AtomicBoolean cancel, Exception e) {
    if (cancel == null || !cancel.get()) {
      return e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
    FloeException stopped = StatementCancel.stopped(cancel);
    stopped.addSuppressed(e);
    return stopped;
  }

  /** The stored type of result column {@code i}, decided by {@link FloeTypes} like every other. */
  private static ColumnType type(ResultSetMetaData md, int i, String column) throws SQLException {
    SqlTypeName name = SqlTypeName.getNameForJdbcType(md.getColumnType(i));
    RelDataType type;
    try {
      type = name == null ? null : name == SqlTypeName.DECIMAL
          ? TYPES.createSqlType(name, Math.max(1, md.getPrecision(i)), Math.max(0, md.getScale(i)))
          : TYPES.createSqlType(name);
    } catch (RuntimeException | AssertionError e) {
      type = null; // a structured type (ARRAY, MAP, ROW): not a plain SQL type
    }
    if (type == null) {
      throw new UnsupportedOperationException("CREATE TABLE AS with column '" + column + "' of type "
          + md.getColumnTypeName(i) + ", which Floe cannot store; CAST it to a supported type");
    }
    return FloeTypes.fromRelType(type, column);
  }

  /** A result value in Calcite's internal representation (what {@link RowAppender} writes). */
  private static Object internal(ResultSet rs, int i, ColumnType type) throws SQLException {
    switch (type.kind()) {
      case DATE: {
        java.sql.Date d = rs.getDate(i);
        return d == null ? null : (int) d.toLocalDate().toEpochDay();
      }
      case TIME: {
        java.sql.Time t = rs.getTime(i);
        return t == null ? null : (int) (t.toLocalTime().toNanoOfDay() / 1_000_000L);
      }
      case TIMESTAMP:
      case TIMESTAMP_LTZ: {
        java.sql.Timestamp ts = rs.getTimestamp(i);
        return ts == null ? null : ts.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      case VARBINARY: {
        byte[] b = rs.getBytes(i);
        return b == null ? null : new ByteString(b);
      }
      case DECIMAL:
        return rs.getBigDecimal(i);
      default:
        return rs.getObject(i);
    }
  }
}
