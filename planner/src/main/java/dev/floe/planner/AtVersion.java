package dev.floe.planner;

import java.lang.reflect.Method;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * How {@code TABLE(floe.at_version('t', v))} reaches the plan: the parser rewrites it to {@code t
 * FOR SYSTEM_TIME AS OF floe."$version"(v)}, a TIMESTAMP-typed marker call that the snapshot rule
 * recognizes and turns into a scan of version {@code v}. So a version number travels like a time:
 * as an expression evaluated at execution ({@code ?} works), with every pushdown rule. The marker
 * is never executed.
 */
public final class AtVersion {
  /** The table function users write. */
  public static final String FUNCTION = "at_version";

  /** The table function that reads the version current at a time: {@code FOR SYSTEM_TIME AS OF}. */
  public static final String AT_TIME = "at_time";

  /** The marker's name in schema {@code floe} (not an identifier a user would write). */
  public static final String MARKER = "$version";

  static final Function MARKER_FUNCTION = ScalarFunctionImpl.create(method());

  private AtVersion() {}

  private static Method method() {
    try {
      return AtVersion.class.getMethod("version", long.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The marker's body; never called, because the snapshot rule removes every marker call. */
  public static java.sql.Timestamp version(long version) {
    throw new UnsupportedOperationException("floe.at_version outside a FROM clause; write"
        + " SELECT ... FROM TABLE(floe.at_version('table', version))");
  }

  /** The version expression of a snapshot period that is a marker call, or null. */
  public static RexNode versionOf(RexNode period) {
    if (period instanceof RexCall call && call.getOperator() instanceof SqlUserDefinedFunction f
        && f.getFunction() == MARKER_FUNCTION) {
      return call.getOperands().get(0);
    }
    return null;
  }
}
