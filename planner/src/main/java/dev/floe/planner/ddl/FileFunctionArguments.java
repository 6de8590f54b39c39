package dev.floe.planner.ddl;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * DuckDB's argument style for Floe's file functions, on the parsed call: {@code read_csv('f.csv',
 * delim = ';')} and {@code read_csv('f.csv', delim => ';')}. Calcite takes named arguments only
 * when every argument is named ({@code path => 'f.csv', delim => ';'}), and reads {@code delim =
 * ';'} as a comparison. When a call of {@code read_csv} or {@code read_parquet} names at least one
 * argument (with {@code =>}, or {@code =} on one of its parameter names), every positional argument
 * is named by its position and every {@code name = value} becomes {@code name => value}; other calls
 * are left as they are.
 */
final class FileFunctionArguments {
  private static final Map<String, List<String>> PARAMETERS = Map.of(
      "read_csv", List.of("path", "columns", "delim"),
      "read_parquet", List.of("path"));

  private FileFunctionArguments() {}

  /** Names the arguments of {@code node} in place if it is such a call. */
  static void name(SqlNode node) {
    if (!(node instanceof SqlBasicCall call) || !(call.getOperator() instanceof SqlUnresolvedFunction f)) {
      return;
    }
    List<String> names = f.getNameAsId().names;
    List<String> parameters = PARAMETERS.get(names.get(names.size() - 1).toLowerCase(Locale.ROOT));
    if (parameters == null) {
      return;
    }
    List<SqlNode> operands = call.getOperandList();
    boolean named = false;
    for (SqlNode o : operands) {
      named |= o.getKind() == SqlKind.ARGUMENT_ASSIGNMENT || parameterOf(o, parameters) != null;
    }
    if (!named) {
      return;
    }
    for (int i = 0; i < operands.size(); i++) {
      SqlNode o = operands.get(i);
      if (o.getKind() == SqlKind.ARGUMENT_ASSIGNMENT) {
        continue;
      }
      SqlIdentifier parameter = parameterOf(o, parameters);
      if (parameter != null) {
        SqlNode value = ((SqlCall) o).operand(1);
        call.setOperand(i, SqlStdOperatorTable.ARGUMENT_ASSIGNMENT.createCall(o.getParserPosition(), value, parameter));
      } else if (i < parameters.size()) {
        call.setOperand(i, SqlStdOperatorTable.ARGUMENT_ASSIGNMENT.createCall(o.getParserPosition(), o,
            new SqlIdentifier(parameters.get(i), o.getParserPosition())));
      }
    }
  }

  /** The parameter {@code o} assigns if it is {@code parameter = value}, else null. */
  private static SqlIdentifier parameterOf(SqlNode o, List<String> parameters) {
    if (o.getKind() == SqlKind.EQUALS && ((SqlCall) o).operand(0) instanceof SqlIdentifier id && id.isSimple()
        && parameters.contains(id.getSimple().toLowerCase(Locale.ROOT))) {
      return new SqlIdentifier(id.getSimple().toLowerCase(Locale.ROOT), id.getParserPosition());
    }
    return null;
  }
}
