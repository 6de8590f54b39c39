package dev.floe.planner.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (column, ...)}, parsed by {@link
 * IndexStatements} (Calcite's DDL grammar has no index statements) and run by {@link
 * FloeDdlExecutor}: a UNIQUE index is a UNIQUE constraint under its name; a plain one is recorded.
 */
public final class SqlCreateIndex extends SqlCreate {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);

  final SqlIdentifier name;
  final SqlIdentifier table;
  final SqlNodeList columns;
  final boolean unique;

  SqlCreateIndex(SqlParserPos pos, boolean ifNotExists, boolean unique, SqlIdentifier name, SqlIdentifier table,
      SqlNodeList columns) {
    super(OPERATOR, pos, false, ifNotExists);
    this.unique = unique;
    this.name = name;
    this.table = table;
    this.columns = columns;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name, table, columns);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("ON");
    table.unparse(writer, leftPrec, rightPrec);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode c : columns) {
      writer.sep(",");
      c.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
