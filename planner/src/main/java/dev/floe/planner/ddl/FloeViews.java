package dev.floe.planner.ddl;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.FloeStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.ddl.SqlCreateView;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * CREATE [OR REPLACE] VIEW into the root's stored views: the query (with the view's column names,
 * if given, as {@code SELECT * FROM (query) AS _(names)}) is rendered as SQL the way Calcite renders
 * a view, checked by resolving it now (an unknown table or column fails the statement, 42P01 or
 * 42703), then stored. A view and a table cannot share a name: each CREATE checks the other kind
 * first (not atomically with the write). Views are read-only.
 */
public final class FloeViews {
  private static final SqlParser.Config PARSER = SqlParser.config()
      .withParserFactory(FloeDdlExecutor.PARSER_FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true);

  private FloeViews() {}

  /**
   * If {@code sql} is an INSERT, UPDATE, DELETE or MERGE whose target is a stored view of {@code
   * store} (and not a table), the view's name: views are read-only, so such a statement fails, and
   * this says why. Empty for any other statement, or SQL that does not parse.
   */
  public static java.util.Optional<String> viewWrittenBy(String sql, FloeStore store) {
    SqlNode node;
    try {
      node = SqlParser.create(sql, PARSER).parseStmt();
    } catch (SqlParseException | RuntimeException e) {
      return java.util.Optional.empty();
    }
    SqlNode target = node instanceof SqlInsert i ? i.getTargetTable()
        : node instanceof SqlUpdate u ? u.getTargetTable()
        : node instanceof SqlDelete d ? d.getTargetTable()
        : node instanceof SqlMerge m ? m.getTargetTable() : null;
    if (!(target instanceof SqlIdentifier id)) {
      return java.util.Optional.empty();
    }
    String name = id.names.get(id.names.size() - 1);
    return store.find(name).isEmpty() && store.views().find(name).isPresent()
        ? java.util.Optional.of(name) : java.util.Optional.empty();
  }

  static void create(SqlCreateView create, FloeStore store, CalciteSchema schema, String name) {
    String sql = withColumnNames(create.columnList, create.query).toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    List<String> path = schema.path(null);
    List<String> viewPath = new ArrayList<>(path);
    viewPath.add(name);
    ViewTable.viewMacro(schema.plus(), sql, path, viewPath, false).apply(List.of()); // resolves it, or throws
    if (store.find(name).isPresent()) {
      throw new FloeException(ErrorCode.TABLE_EXISTS, null, "'" + name + "' is a table, and views and tables"
          + " share names; choose another name for the view", null);
    }
    store.views().create(name, sql, create.getReplace());
  }

  /**
   * @throws FloeException {@link ErrorCode#TABLE_EXISTS} if {@code name} is a view
   */
  static void checkNoView(FloeStore store, String name) {
    if (store.views().find(name).isPresent()) {
      throw new FloeException(ErrorCode.TABLE_EXISTS, null, "'" + name + "' is a view, and views and tables"
          + " share names; drop the view first, or choose another name for the table", null);
    }
  }

  private static SqlNode withColumnNames(SqlNodeList columns, SqlNode query) {
    if (columns == null) {
      return query;
    }
    SqlParserPos p = query.getParserPosition();
    List<SqlNode> operands = new ArrayList<>();
    operands.add(query);
    operands.add(new SqlIdentifier("_", p));
    columns.forEach(operands::add);
    SqlNode from = SqlStdOperatorTable.AS.createCall(p, operands);
    return new SqlSelect(p, null, SqlNodeList.SINGLETON_STAR, from, null, null, null, null, null, null, null, null, null);
  }
}
