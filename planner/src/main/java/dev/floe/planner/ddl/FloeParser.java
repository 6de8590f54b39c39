package dev.floe.planner.ddl;

import java.io.Reader;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.ddl.SqlDdlParserImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.SourceStringReader;

/**
 * Calcite's DDL parser, plus one fix-up of each parsed statement: a bare {@code ?} as the period of
 * {@code FOR SYSTEM_TIME AS OF ?} becomes {@code CAST(? AS TIMESTAMP)}, because Calcite's validator
 * does not infer the type of a parameter there (it reports "expects Timestamp type but is
 * 'UNKNOWN'").
 */
final class FloeParser extends SqlDdlParserImpl {
  /** The operand index of {@link SqlSnapshot}'s period. */
  private static final int PERIOD = 1;

  private FloeParser(Reader reader) {
    super(reader);
  }

  /** A parser of {@code reader}, set up as Calcite's own factory sets up its parsers. */
  static FloeParser of(Reader reader) {
    FloeParser parser = new FloeParser(reader);
    if (reader instanceof SourceStringReader source) {
      String sql = source.getSourceString();
      parser.setOriginalSql(sql);
    }
    return parser;
  }

  @Override
  public SqlNode parseSqlStmtEof() throws Exception {
    return typeSnapshotParameters(super.parseSqlStmtEof());
  }

  @Override
  public SqlNodeList parseSqlStmtList() throws Exception {
    return typeSnapshotParameters(super.parseSqlStmtList());
  }

  private static <N extends SqlNode> N typeSnapshotParameters(N node) {
    if (node != null) {
      node.accept(new SqlBasicVisitor<Void>() {
        @Override
        public Void visit(SqlCall call) {
          if (call.getKind() == SqlKind.SNAPSHOT && call instanceof SqlSnapshot snapshot
              && snapshot.getPeriod() instanceof SqlDynamicParam param) {
            SqlDataTypeSpec timestamp = new SqlDataTypeSpec(
                new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, param.getParserPosition()), param.getParserPosition());
            snapshot.setOperand(PERIOD,
                SqlStdOperatorTable.CAST.createCall(param.getParserPosition(), param, timestamp));
          }
          return super.visit(call);
        }
      });
    }
    return node;
  }
}
