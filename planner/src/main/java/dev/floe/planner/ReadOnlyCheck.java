package dev.floe.planner;

import dev.floe.planner.admin.Maintenance;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.schema.impl.ReflectiveFunctionBase;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;

/**
 * Refuses, on a read-only connection (a {@code readOnly} URL, {@code setReadOnly(true)}, or a named
 * snapshot), every statement that would write, decided from the parsed statement and its plan,
 * never from its text: DML and DDL by the kind of the parsed node, and Floe's maintenance table
 * functions by the function the validator resolved (whatever its spelling, quoting or comments).
 * The state is the connection's store handle's ({@link dev.floe.storage.table.FloeStore#isReadOnly}),
 * which also refuses every put, create and delete below this check.
 *
 * <p>Failure: {@link FloeException} with {@link ErrorCode#READ_ONLY} (SQLState 25006), before
 * anything is planned further or written.
 */
final class ReadOnlyCheck {
  /** DDL kinds that change nothing in the store. */
  private static final Set<SqlKind> HARMLESS_DDL =
      EnumSet.of(SqlKind.SET_OPTION, SqlKind.ALTER_SESSION, SqlKind.COMMIT, SqlKind.ROLLBACK);

  private ReadOnlyCheck() {}

  /** Refuses a parsed DML or DDL statement on a read-only connection. */
  static void parsed(CalcitePrepare.Context context, SqlNode node) {
    SqlKind kind = node.getKind();
    boolean writes = kind.belongsTo(SqlKind.DML) || (kind.belongsTo(SqlKind.DDL) && !HARMLESS_DDL.contains(kind));
    if (writes && readOnly(context)) {
      throw refused(node instanceof SqlCall c && c.getOperator() != null
          && (kind != SqlKind.OTHER_DDL || node instanceof dev.floe.planner.ddl.SqlCopy)
          ? c.getOperator().getName() : kind.sql.replace('_', ' '));
    }
  }

  /** Refuses a validated plan that modifies a table or calls a maintenance function. */
  static void plan(CalcitePrepare.Context context, RelNode rel) {
    String what = writer(rel);
    if (what != null && readOnly(context)) {
      throw refused(what);
    }
  }

  /** What in {@code rel} (its inputs and subqueries included) writes: a table modification, a maintenance call; or null. */
  static String writer(RelNode rel) {
    if (rel instanceof TableModify m) {
      return m.getOperation().name();
    }
    if (rel instanceof TableFunctionScan f && f.getCall() instanceof RexCall call
        && call.getOperator() instanceof SqlUserDefinedTableFunction udf
        && udf.getFunction() instanceof ReflectiveFunctionBase fn && Maintenance.writes(fn.method)) {
      return "floe." + udf.getName().toLowerCase(Locale.ROOT);
    }
    String[] inSubQuery = {null};
    rel.accept(new RexShuttle() {
      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        if (inSubQuery[0] == null) {
          inSubQuery[0] = writer(subQuery.rel);
        }
        return subQuery;
      }
    });
    if (inSubQuery[0] != null) {
      return inSubQuery[0];
    }
    for (RelNode input : rel.getInputs()) {
      String w = writer(input);
      if (w != null) {
        return w;
      }
    }
    return null;
  }

  /** Whether the connection preparing in {@code context} is read-only. */
  static boolean readOnly(CalcitePrepare.Context context) {
    CalciteSchema floe = context.getRootSchema().getSubSchema("floe", true);
    return floe != null && floe.schema instanceof FloeSchema s && s.store().isReadOnly();
  }

  /** The refusal of {@code what}. */
  static FloeException refused(String what) {
    String name = what.toUpperCase(Locale.ROOT).replace("FLOE.", "floe.");
    return new FloeException(ErrorCode.READ_ONLY, "cannot run " + name + " on a read-only connection"
        + " (readOnly=true, setReadOnly(true), or a snapshot=NAME URL): it would "
        + (name.equals("COPY") ? "write a file" : "change the store") + "; to write, open a connection without"
        + " readOnly=true or snapshot=NAME (or call setReadOnly(false) on one without a snapshot)");
  }
}
