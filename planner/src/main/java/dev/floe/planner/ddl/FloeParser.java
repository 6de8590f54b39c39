package dev.floe.planner.ddl;

import dev.floe.planner.AtSnapshot;
import dev.floe.planner.AtVersion;
import java.io.Reader;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl.LexicalState;
import org.apache.calcite.sql.parser.ddl.ParseException;
import org.apache.calcite.sql.parser.ddl.SqlDdlParserImpl;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.SourceStringReader;

/**
 * Calcite's DDL parser, plus column constraints ({@link ColumnConstraints}), index statements
 * ({@link IndexStatements}), {@code x::TYPE} casts ({@link InfixCasts}), SHOW TABLES and DESCRIBE
 * ({@link ShowStatements}), which its grammar lacks, PostgreSQL's NOW() and DATE_TRUNC ({@link PgCalls}), and two fix-ups of each parsed statement,
 * both about time travel:
 *
 * <ul>
 *   <li>{@code TABLE(floe.at_version('t', v))} becomes {@code t FOR SYSTEM_TIME AS OF
 *       floe."$version"(v)} ({@link AtVersion}), and {@code TABLE(floe.at_time('t', ts))} becomes
 *       {@code t FOR SYSTEM_TIME AS OF ts}, and {@code TABLE(floe.at_snapshot('t', s))} becomes {@code t
 *       FOR SYSTEM_TIME AS OF floe."$version"(floe."$snapshot"('t', s))} ({@link AtSnapshot}): a table function whose arguments may be {@code ?}, read
 *       with every pushdown (a Calcite table macro would need literal arguments);
 *   <li>a bare {@code ?} as the period of {@code FOR SYSTEM_TIME AS OF ?} becomes {@code CAST(? AS
 *       TIMESTAMP)}, because Calcite's validator does not infer the type of a parameter there (it
 *       reports "expects Timestamp type but is 'UNKNOWN'").
 * </ul>
 *
 * A statement that fails at a word Calcite reserves where PostgreSQL reads a name (a column label
 * after {@code AS}, {@code ORDER BY value}) is parsed again with the word quoted ({@link KeywordAliases}).
 */
final class FloeParser extends SqlDdlParserImpl {
  /** The operand index of {@link SqlSnapshot}'s period. */
  private static final int PERIOD = 1;

  /** The schema of user tables and of the time-travel functions. */
  private static final String SCHEMA = "floe";

  /** The statement's text, or null when the parser reads from a stream. */
  private final String sql;
  private int tabSize = 1;
  private Casing quotedCasing = Casing.UNCHANGED;
  private Casing unquotedCasing = Casing.TO_UPPER;
  private int identifierMaxLength = Integer.MAX_VALUE;
  private SqlConformance conformance;
  private LexicalState lexicalState = LexicalState.DEFAULT;

  private FloeParser(Reader reader, String sql) {
    super(reader);
    this.sql = sql;
  }

  /**
   * A parser of {@code reader}, set up as Calcite's own factory sets up its parsers; a statement
   * with column constraints is parsed with them moved to table constraints ({@link
   * ColumnConstraints}).
   */
  static FloeParser of(Reader reader) {
    if (reader instanceof SourceStringReader source) {
      String sql = ColumnConstraints.rewrite(IntervalLiterals.rewrite(ExplainForms.rewrite(
          InfixCasts.rewrite(source.getSourceString()))));
      FloeParser parser = new FloeParser(new SourceStringReader(sql), sql);
      parser.setOriginalSql(sql);
      return parser;
    }
    return new FloeParser(reader, null);
  }

  /**
   * Also parses CREATE [UNIQUE] INDEX and DROP INDEX ({@link IndexStatements}), and reads SHOW
   * TABLES and DESCRIBE as the queries that answer them ({@link ShowStatements}).
   */
  @Override
  public SqlNode parseSqlStmtEof() throws Exception {
    try {
      if (sql != null) {
        java.util.Optional<String> identity = ColumnConstraints.identityAdvice(sql);
        if (identity.isPresent()) {
          throw new org.apache.calcite.sql.parser.SqlParseException(identity.get(), SqlParserPos.ZERO, null, null, null);
        }
        java.util.Optional<SqlNode> index = IndexStatements.parse(sql);
        if (index.isPresent()) {
          return index.get();
        }
        java.util.Optional<SqlNode> copy = CopyStatements.parse(sql);
        if (copy.isPresent()) {
          return copy.get();
        }
        String interval = IntervalLiterals.problem(sql);
        if (interval != null) {
          throw new org.apache.calcite.sql.parser.SqlParseException(interval, SqlParserPos.ZERO, null, null, null);
        }
        java.util.Optional<String> show = ShowStatements.show(sql);
        if (show.isPresent()) {
          return reparse(show.get());
        }
      }
      SqlNode node;
      try {
        node = super.parseSqlStmtEof();
      } catch (ParseException e) {
        String quoted = quotedAlias(e);
        if (quoted == null) {
          throw e;
        }
        return reparser(quoted).parseSqlStmtEof();
      }
      if (node instanceof SqlDescribeTable describe) {
        return reparse(ShowStatements.describe(describe));
      }
      return typeSnapshotParameters(node);
    } catch (IndexStatements.IndexSyntaxException e) {
      throw new org.apache.calcite.sql.parser.SqlParseException(e.getMessage(), SqlParserPos.ZERO, null, null, e);
    }
  }

  /** Parses {@code query} (double-quoted identifiers) instead of the statement given. */
  private SqlNode reparse(String query) throws Exception {
    ReInit(new SourceStringReader(query));
    switchTo(LexicalState.DQID);
    setOriginalSql(query);
    return typeSnapshotParameters(super.parseSqlStmtEof());
  }

  @Override
  public SqlNodeList parseSqlStmtList() throws Exception {
    try {
      return typeSnapshotParameters(super.parseSqlStmtList());
    } catch (ParseException e) {
      String quoted = quotedAlias(e);
      if (quoted == null) {
        throw e;
      }
      return reparser(quoted).parseSqlStmtList();
    } catch (IndexStatements.IndexSyntaxException e) {
      throw new org.apache.calcite.sql.parser.SqlParseException(e.getMessage(), SqlParserPos.ZERO, null, null, e);
    }
  }

  private String quotedAlias(ParseException e) {
    return KeywordAliases.quoteKeyword(sql, e, getMetadata(), unquotedCasing, lexicalState);
  }

  /** A parser of {@code text} set up as this one was. */
  private FloeParser reparser(String text) {
    FloeParser p = of(new SourceStringReader(text));
    p.setTabSize(tabSize);
    p.setQuotedCasing(quotedCasing);
    p.setUnquotedCasing(unquotedCasing);
    p.setIdentifierMaxLength(identifierMaxLength);
    if (conformance != null) {
      p.setConformance(conformance);
    }
    p.switchTo(lexicalState);
    return p;
  }

  @Override
  public void setTabSize(int tabSize) {
    super.setTabSize(tabSize);
    this.tabSize = tabSize;
  }

  @Override
  public void setQuotedCasing(Casing casing) {
    super.setQuotedCasing(casing);
    this.quotedCasing = casing;
  }

  @Override
  public void setUnquotedCasing(Casing casing) {
    super.setUnquotedCasing(casing);
    this.unquotedCasing = casing;
  }

  @Override
  public void setIdentifierMaxLength(int length) {
    super.setIdentifierMaxLength(length);
    this.identifierMaxLength = length;
  }

  @Override
  public void setConformance(SqlConformance conformance) {
    super.setConformance(conformance);
    this.conformance = conformance;
  }

  @Override
  public void switchTo(LexicalState state) {
    super.switchTo(state);
    this.lexicalState = state;
  }

  private static <N extends SqlNode> N typeSnapshotParameters(N node) {
    if (node != null) {
      node.accept(new SqlBasicVisitor<Void>() {
        @Override
        public Void visit(SqlCall call) {
          List<SqlNode> operands = call.getOperandList();
          for (int i = 0; i < operands.size(); i++) {
            SqlNode snapshot = timeTravelFunction(operands.get(i));
            if (snapshot != null) {
              call.setOperand(i, snapshot);
            }
            SqlNode pg = PgCalls.replacement(call.getOperandList().get(i));
            if (pg != null) {
              call.setOperand(i, pg);
            }
            FileFunctionArguments.name(call.getOperandList().get(i));
          }
          if (call.getKind() == SqlKind.SNAPSHOT && call instanceof SqlSnapshot snapshot
              && snapshot.getPeriod() instanceof SqlDynamicParam param) {
            snapshot.setOperand(PERIOD, cast(param, SqlTypeName.TIMESTAMP));
          }
          return super.visit(call);
        }

        @Override
        public Void visit(SqlNodeList list) {
          PgCalls.replaceIn(list);
          return super.visit(list);
        }
      });
    }
    return node;
  }

  private static SqlNode cast(SqlDynamicParam param, SqlTypeName type) {
    SqlParserPos pos = param.getParserPosition();
    return SqlStdOperatorTable.CAST.createCall(pos, param,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, pos), pos));
  }

  /**
   * The snapshot that {@code TABLE(at_version(...))} or {@code TABLE(at_time(...))} stands for, or
   * null if {@code node} is neither.
   */
  private static SqlNode timeTravelFunction(SqlNode node) {
    if (!(node instanceof SqlCall table) || table.getKind() != SqlKind.COLLECTION_TABLE
        || table.operandCount() != 1 || !(table.operand(0) instanceof SqlCall f)
        || !(f.getOperator() instanceof SqlUnresolvedFunction)) {
      return null;
    }
    SqlIdentifier name = ((SqlUnresolvedFunction) f.getOperator()).getSqlIdentifier();
    if (name == null || name.names.size() > 2
        || name.names.size() == 2 && !name.names.get(0).equalsIgnoreCase(SCHEMA)) {
      return null;
    }
    String fn = name.names.get(name.names.size() - 1).toLowerCase(Locale.ROOT);
    boolean snapshot = fn.equals(AtSnapshot.FUNCTION);
    boolean version = snapshot || fn.equals(AtVersion.FUNCTION);
    if (!version && !fn.equals(AtVersion.AT_TIME)) {
      return null;
    }
    SqlParserPos pos = f.getParserPosition();
    if (f.operandCount() != 2 || !(f.operand(0) instanceof SqlCharStringLiteral tableName)) {
      String what = snapshot ? "snapshot name" : version ? "version number" : "TIMESTAMP";
      String example = snapshot ? "'eod'" : version ? "42" : "TIMESTAMP '2026-01-01 00:00:00'";
      throw new UnsupportedOperationException(SCHEMA + "." + fn + " with other arguments than a table name"
          + " (a string literal) and a " + what + "; write " + SCHEMA + "." + fn + "('t', " + example + ")");
    }
    SqlIdentifier t = new SqlIdentifier(List.of(SCHEMA, tableName.getValueAs(String.class)), tableName.getParserPosition());
    SqlNode period = f.operand(1);
    if (snapshot) {
      if (period instanceof SqlDynamicParam param) {
        period = cast(param, SqlTypeName.VARCHAR);
      }
      period = new SqlBasicCall(new SqlUnresolvedFunction(new SqlIdentifier(List.of(SCHEMA, AtSnapshot.MARKER), pos),
          null, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION), List.of(f.operand(0), period), pos);
    }
    if (version) {
      if (period instanceof SqlDynamicParam param) {
        period = cast(param, SqlTypeName.BIGINT); // the validator infers no type in a period
      }
      period = new SqlBasicCall(new SqlUnresolvedFunction(new SqlIdentifier(List.of(SCHEMA, AtVersion.MARKER), pos),
          null, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION), List.of(period), pos);
    }
    return new SqlSnapshot(pos, t, period);
  }
}
