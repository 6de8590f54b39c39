package dev.floe.planner;

import java.util.List;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * The functions a statement can call: the SQL standard's, and Calcite's PostgreSQL library
 * ({@code LENGTH}, {@code LEFT}, {@code GREATEST}, {@code STRING_AGG}, {@code ILIKE}, {@code
 * TO_CHAR}, {@code SPLIT_PART} and the like), and Floe's {@code gen_random_uuid()} ({@link RandomUuid}). Function names are matched
 * without regard to case, as every database does: the connection folds unquoted names to lower
 * case and matches table and column names exactly, and Calcite's library tables would then find
 * {@code length} nowhere, its functions being registered as {@code LENGTH}.
 */
final class FloeFunctions {
  private FloeFunctions() {}

  static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
      anyCase(SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.POSTGRESQL)),
      anyCase(SqlOperatorTables.of(RandomUuid.OPERATOR)),
      anyCase(SqlOperatorTables.of(dev.floe.planner.plan.Percentiles.callable())));

  private static SqlOperatorTable anyCase(SqlOperatorTable table) {
    return new SqlOperatorTable() {
      @Override
      public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
          List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
        table.lookupOperatorOverloads(opName, category, syntax, operatorList, SqlNameMatchers.withCaseSensitive(false));
      }

      @Override
      public List<SqlOperator> getOperatorList() {
        return table.getOperatorList();
      }
    };
  }
}
