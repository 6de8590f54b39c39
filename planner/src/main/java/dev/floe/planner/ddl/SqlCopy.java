package dev.floe.planner.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code COPY (query) TO 'file' [(FORMAT parquet, COMPRESSION codec)]} and {@code COPY table TO ...},
 * parsed by {@link CopyStatements} and run by {@link FloeDdlExecutor} ({@link CopyTo}). A statement
 * that writes (a file, not the store's tables), so a read-only connection refuses it before it runs.
 */
public final class SqlCopy extends SqlDdl {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("COPY", SqlKind.OTHER_DDL);

  /** The query whose rows are written, as SQL text. */
  final String query;
  /** The target as written: a local path or a URL under the store's root. */
  final String target;
  /** The format: named, or {@code parquet} for a {@code .parquet} file, else null. */
  final String format;
  /** The codec's name ({@code snappy} unless given). */
  final String compression;

  SqlCopy(SqlParserPos pos, String query, String target, String format, String compression) {
    super(OPERATOR, pos);
    this.format = format;
    this.query = query;
    this.target = target;
    this.compression = compression;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of();
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("COPY");
    writer.print("(" + query + ")");
    writer.keyword("TO");
    writer.literal("'" + target.replace("'", "''") + "'");
    writer.print("(FORMAT parquet, COMPRESSION " + compression + ")");
  }
}
