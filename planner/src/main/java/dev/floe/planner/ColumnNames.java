package dev.floe.planner;

import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Names the unaliased expressions of a query's result as PostgreSQL does, where Calcite would say
 * {@code EXPR$0}: a function or aggregate call by its name in lower case ({@code count}, {@code sum},
 * {@code coalesce}), also under {@code OVER} or {@code FILTER}; a CAST by the name of what it casts
 * (a column or a call); a CASE {@code case}; anything else {@code ?column?}. Only the columns of
 * the result (the outermost SELECT; of a set operation, its first branch) are named; two columns
 * may get the same name, as in PostgreSQL (JDBC reads columns by position).
 */
final class ColumnNames {
  private ColumnNames() {}

  /** Adds the names to {@code query}'s result columns in place; other statements are left as they are. */
  static void name(SqlNode query) {
    if (query instanceof SqlOrderBy o) {
      name(o.query);
    } else if (query instanceof SqlWith w) {
      name(w.body);
    } else if (query instanceof SqlSelect s) {
      name(s);
    } else if (query != null && query.isA(SqlKind.SET_QUERY) && query instanceof SqlCall c && !c.getOperandList().isEmpty()) {
      name(c.operand(0));
    }
  }

  private static void name(SqlSelect select) {
    SqlNodeList items = select.getSelectList();
    if (items == null) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      if (item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
        continue; // a column (or *) names itself; an alias is the user's
      }
      String name = of(item);
      items.set(i, SqlStdOperatorTable.AS.createCall(item.getParserPosition(), item,
          new SqlIdentifier(name, item.getParserPosition())));
    }
  }

  /** PostgreSQL's name for an unaliased expression. */
  static String of(SqlNode e) {
    if (e instanceof SqlIdentifier id) {
      return id.isStar() ? "?column?" : id.names.get(id.names.size() - 1);
    }
    if (!(e instanceof SqlCall call)) {
      return "?column?";
    }
    switch (call.getKind()) {
      case OVER, FILTER, WITHIN_GROUP, WITHIN_DISTINCT:
        return of(call.operand(0));
      case CAST:
        return of(call.operand(0)); // PostgreSQL names a cast literal by its type (int4); here ?column?
      case CASE:
        return "case";
      default:
        break;
    }
    if (call instanceof SqlBasicCall && call.getOperator() instanceof SqlFunction f) {
      return f.getName().toLowerCase(Locale.ROOT);
    }
    return "?column?";
  }
}
