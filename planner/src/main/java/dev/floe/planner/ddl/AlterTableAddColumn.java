package dev.floe.planner.ddl;

import dev.floe.planner.types.FloeTypes;
import dev.floe.planner.types.FloeTypeSystem;
import dev.floe.storage.ColumnType;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.FloeStore;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * {@code ALTER TABLE [IF EXISTS] [floe.]t ADD [COLUMN] [IF NOT EXISTS] c type [NOT NULL | NULL]}, which
 * Calcite's DDL grammar lacks: recognized here and run as one schema commit ({@code
 * Table.addColumn}); rows written before read the new column as NULL. Identifiers follow the
 * driver's rules: unquoted names fold to lower case, double-quoted ones keep their case.
 */
public final class AlterTableAddColumn {
  private static final String IDENT = "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
  private static final Pattern ALTER = Pattern.compile(
      "^\\s*ALTER\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?(?:" + IDENT + "\\s*\\.\\s*)?" + IDENT + "\\s+ADD\\s+(?:COLUMN\\s+)?(IF\\s+NOT\\s+EXISTS\\s+)?"
          + IDENT + "\\s+(.+?)(\\s+NOT\\s+NULL|\\s+NULL)?\\s*;?\\s*$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern IS_ALTER = Pattern.compile("^\\s*ALTER\\s+TABLE\\b", Pattern.CASE_INSENSITIVE);

  /** A parsed statement. */
  record Parsed(boolean ifTableExists, String table, boolean ifColumnNotExists, String column, String type,
      boolean notNull) {}

  private AlterTableAddColumn() {}

  /** Whether {@code sql} is an ALTER TABLE statement (this class's to run, or to refuse clearly). */
  public static boolean matches(String sql) {
    return IS_ALTER.matcher(withoutComments(sql)).find();
  }

  /**
   * {@code sql} with each comment ({@code --} to the end of the line, at CR or LF, and {@code /* *\/})
   * outside string literals and quoted names replaced by a space, as the SQL lexer skips them.
   */
  static String withoutComments(String sql) {
    StringBuilder b = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < n && !(sql.charAt(end) == c && (end + 1 >= n || sql.charAt(end + 1) != c))) {
          end += sql.charAt(end) == c ? 2 : 1; // a doubled quote stays inside
        }
        end = Math.min(end + 1, n);
        b.append(sql, i, end);
        i = end;
      } else if (sql.startsWith("--", i)) {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
          i++;
        }
        b.append(' ');
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        b.append(' ');
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  /**
   * Runs the statement against {@code store}.
   *
   * @throws FloeException with the storage layer's codes (42P01, 42701, 23502, 40001, 25006 on a read-only store), or
   *     INVALID_ARGUMENT for an ALTER TABLE form other than ADD COLUMN
   * @throws UnsupportedOperationException for a type Floe cannot store
   */
  public static void execute(String sql, FloeStore store) {
    if (store.isReadOnly()) { // any ALTER TABLE writes; the store handle would refuse it too
      throw new FloeException(ErrorCode.READ_ONLY, "cannot run ALTER TABLE on a read-only connection (readOnly=true,"
          + " setReadOnly(true), or a snapshot=NAME URL): it would change the store; to write, open a connection"
          + " without readOnly=true or snapshot=NAME (or call setReadOnly(false) on one without a snapshot)");
    }
    Parsed p = parse(sql).orElseThrow(() -> new UnsupportedOperationException(
        "this ALTER TABLE statement; Floe supports ALTER TABLE t ADD [COLUMN] c type [NOT NULL]"));
    if (store.find(p.table()).isEmpty()) {
      if (p.ifTableExists()) {
        return;
      }
      throw new FloeException(ErrorCode.TABLE_NOT_FOUND, "table '" + p.table() + "' does not exist; check"
          + " the name (unquoted names are lower-cased)");
    }
    if (p.type().matches("(?is).*\\b(DEFAULT|PRIMARY|GENERATED)\\b.*")) {
      throw new UnsupportedOperationException("DEFAULT, PRIMARY KEY or GENERATED in ALTER TABLE ADD COLUMN:"
          + " rows already in the table would read NULL in the new column; add it without them and"
          + " set existing rows with UPDATE");
    }
    var declared = type(p.type(), p.column());
    ColumnType type = FloeTypes.fromRelType(declared, p.column());
    var table = store.table(p.table());
    if (p.ifColumnNotExists() && table.latest().schema().byName(p.column()).isPresent()) {
      return;
    }
    table.addColumn(p.column(), type, !p.notNull(), FloeTypes.declaredLength(declared));
  }

  static Optional<Parsed> parse(String sql) {
    Matcher m = ALTER.matcher(withoutComments(sql));
    if (!m.matches() || (m.group(2) != null && !ident(m.group(2)).equals("floe"))) {
      return Optional.empty(); // another schema than floe: nothing of Floe's to alter
    }
    boolean notNull = m.group(7) != null && m.group(7).trim().toUpperCase(Locale.ROOT).startsWith("NOT");
    return Optional.of(new Parsed(m.group(1) != null, ident(m.group(3)), m.group(4) != null, ident(m.group(5)),
        m.group(6).trim(), notNull));
  }

  private static String ident(String raw) {
    return raw.startsWith("\"") ? raw.substring(1, raw.length() - 1).replace("\"\"", "\"") : raw.toLowerCase(Locale.ROOT);
  }

  private static RelDataType type(String text, String column) {
    try {
      SqlNode cast = SqlParser.create("CAST(NULL AS " + text + ")").parseExpression();
      SqlDataTypeSpec spec = (SqlDataTypeSpec) ((SqlBasicCall) cast).operand(1);
      JavaTypeFactoryImpl types = new JavaTypeFactoryImpl(FloeTypeSystem.INSTANCE);
      CalciteCatalogReader reader = new CalciteCatalogReader(CalciteSchema.createRootSchema(false), List.of(),
          types, CalciteConnectionConfig.DEFAULT);
      return spec.deriveType(SqlValidatorUtil.newValidator(SqlStdOperatorTable.instance(), reader, types,
          SqlValidator.Config.DEFAULT));
    } catch (SqlParseException | RuntimeException e) {
      throw new FloeException(ErrorCode.UNDEFINED_TYPE, "column '" + column + "': '" + text
          + "' is not a type Floe knows; use one of BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE,"
          + " DECIMAL(p,s), VARCHAR, VARBINARY, DATE, TIME, TIMESTAMP, TIMESTAMP WITH LOCAL TIME ZONE");
    }
  }
}
