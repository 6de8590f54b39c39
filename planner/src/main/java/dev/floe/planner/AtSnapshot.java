package dev.floe.planner;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.FloeStore;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * How {@code TABLE(floe.at_snapshot('t', 'eod'))} reaches the plan: the parser rewrites it to
 * {@code t FOR SYSTEM_TIME AS OF floe."$version"(floe."$snapshot"('t', 'eod'))}, so it is an
 * {@link AtVersion} read whose version number is the call {@code $snapshot(table, snapshot)}. That
 * call is generated as a call of {@link #resolve} with the statement's {@link DataContext}, so the
 * snapshot is looked up in the connection's store when the statement executes (never while it is
 * planned): a {@code ?} snapshot name works, and a prepared statement reads whatever the snapshot
 * named by its parameter pins at each execution.
 */
public final class AtSnapshot {
  /** The table function users write. */
  public static final String FUNCTION = "at_snapshot";

  /** The marker's name in schema {@code floe} (not an identifier a user would write). */
  public static final String MARKER = "$snapshot";

  static final ScalarFunction MARKER_FUNCTION = new Marker();

  private AtSnapshot() {}

  /** The signature Calcite validates against: {@code (VARCHAR table, VARCHAR snapshot) -> BIGINT}. */
  public static long signature(String table, String snapshot) {
    throw new UnsupportedOperationException("floe.at_snapshot outside a FROM clause; write"
        + " SELECT ... FROM TABLE(floe.at_snapshot('table', 'snapshot'))");
  }

  /**
   * The version of {@code table} that snapshot {@code snapshot} pins, in the store of the
   * connection running the statement.
   *
   * @throws FloeException {@link ErrorCode#SNAPSHOT_NOT_FOUND} (42704) for an unknown snapshot,
   *     {@link ErrorCode#TABLE_NOT_FOUND} (42P01) if it holds no such table or the table was dropped
   *     since, {@link ErrorCode#INVALID_ARGUMENT} (22023) for a NULL name
   */
  public static long resolve(DataContext root, String table, String snapshot) {
    if (snapshot == null) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "the snapshot to read table '" + table
          + "' at is NULL; give a snapshot name (see floe_system.snapshots)", null);
    }
    return store(root).atSnapshot(snapshot, table).version();
  }

  private static FloeStore store(DataContext root) {
    SchemaPlus floe = root.getRootSchema().subSchemas().get("floe");
    FloeSchema schema = floe == null ? null : floe.unwrap(FloeSchema.class);
    if (schema == null) {
      throw new IllegalStateException("no Floe schema in this connection");
    }
    return schema.store();
  }

  private static Method method(String name, Class<?>... types) {
    try {
      return AtSnapshot.class.getMethod(name, types);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** {@link #signature}'s parameters and type, implemented by a call of {@link #resolve}. */
  private static final class Marker implements ScalarFunction, ImplementableFunction {
    private final ScalarFunction signature = ScalarFunctionImpl.create(method("signature", String.class, String.class));
    private final Method resolve = method("resolve", DataContext.class, String.class, String.class);

    @Override
    public List<FunctionParameter> getParameters() {
      return signature.getParameters();
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return signature.getReturnType(typeFactory);
    }

    @Override
    public CallImplementor getImplementor() {
      return RexImpTable.createImplementor((translator, call, operands) ->
          Expressions.call(resolve, translator.getRoot(), operands.get(0), operands.get(1)), NullPolicy.NONE, false);
    }
  }
}
