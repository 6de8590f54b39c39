package dev.floe.planner.ddl;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DROP INDEX [IF EXISTS] name [ON table]}, parsed by {@link IndexStatements} and run by
 * {@link FloeDdlExecutor}. Without {@code ON}, the index is looked for in every table (index names
 * are then expected to be unique in the store, as PostgreSQL requires them per schema).
 */
public final class SqlDropIndex extends SqlDrop {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP INDEX", SqlKind.DROP_INDEX);

  final SqlIdentifier name;
  /** The table named by {@code ON}, or null. */
  final SqlIdentifier table;

  SqlDropIndex(SqlParserPos pos, boolean ifExists, SqlIdentifier name, SqlIdentifier table) {
    super(OPERATOR, pos, ifExists);
    this.name = name;
    this.table = table;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> out = new ArrayList<>();
    out.add(name);
    if (table != null) {
      out.add(table);
    }
    return out;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP INDEX");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (table != null) {
      writer.keyword("ON");
      table.unparse(writer, leftPrec, rightPrec);
    }
  }
}
