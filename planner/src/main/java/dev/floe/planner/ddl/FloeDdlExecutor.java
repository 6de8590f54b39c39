package dev.floe.planner.ddl;

import dev.floe.planner.FloeSchema;
import dev.floe.planner.types.FloeTypes;
import dev.floe.storage.Column;
import dev.floe.storage.Index;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Table;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.server.ServerDdlExecutor;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlCheckConstraint;
import org.apache.calcite.sql.ddl.SqlCreateMaterializedView;
import org.apache.calcite.sql.ddl.SqlCreateSchema;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlCreateTableLike;
import org.apache.calcite.sql.ddl.SqlCreateType;
import org.apache.calcite.sql.ddl.SqlCreateView;
import org.apache.calcite.sql.ddl.SqlKeyConstraint;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.ddl.SqlDropObject;
import org.apache.calcite.sql.ddl.SqlDropSchema;
import org.apache.calcite.sql.ddl.SqlTruncateTable;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.ddl.SqlDdlParserImpl;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.prepare.CalciteCatalogReader;

/**
 * Executes Floe's DDL against the catalog of the connection's root: CREATE TABLE [IF NOT EXISTS]
 * and DROP TABLE [IF EXISTS]. Each statement is one catalog operation, atomic and exclusive per
 * name (see {@code docs/format.md} §4.5). CREATE [OR REPLACE] VIEW and DROP VIEW [IF EXISTS] are
 * stored in the root's views ({@link FloeViews}), so every connection and process sees them. Other
 * DDL falls through to Calcite's in-memory objects.
 */
public class FloeDdlExecutor extends ServerDdlExecutor {
  /** The executor the driver installs. */
  public static final FloeDdlExecutor INSTANCE = new FloeDdlExecutor();

  /** Named by the driver's {@code parserFactory} property. */
  public static final SqlParserImplFactory PARSER_FACTORY =
      new SqlParserImplFactory() {
        @Override
        public SqlAbstractParserImpl getParser(Reader stream) {
          return FloeParser.of(stream);
        }

        @Override
        public DdlExecutor getDdlExecutor() {
          return INSTANCE;
        }
      };

  protected FloeDdlExecutor() {}

  @Override
  public void execute(SqlCreateTable create, CalcitePrepare.Context context) {
    FloeStore store = store(context, create.name);
    String name = simpleName(create.name);
    if (create.getReplace()) {
      throw new UnsupportedOperationException("CREATE OR REPLACE TABLE; DROP the table first, then CREATE it");
    }
    if (create.query != null) {
      if (create.ifNotExists && store.find(name).isPresent()) {
        return;
      }
      FloeViews.checkNoView(store, name);
      List<String> names = null;
      if (create.columnList != null) {
        names = new ArrayList<>();
        for (SqlNode n : create.columnList) {
          names.add(((SqlIdentifier) n).getSimple());
        }
      }
      CreateTableAs.execute(store, (java.sql.Connection) context.getDataContext().getQueryProvider(), name, names,
          create.query.toSqlString(org.apache.calcite.sql.dialect.CalciteSqlDialect.DEFAULT).getSql());
      return;
    }
    if (create.columnList == null) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, "CREATE TABLE " + name + " needs a column"
          + " list, as in CREATE TABLE " + name + " (id INTEGER NOT NULL, name VARCHAR)");
    }
    SqlValidator validator = validator(context);
    List<Column> columns = new ArrayList<>();
    List<String> primaryKey = new ArrayList<>();
    List<Index> indexes = new ArrayList<>();
    for (SqlNode node : create.columnList) {
      if (node instanceof SqlKeyConstraint key && key.getOperator().getKind() == SqlKind.UNIQUE) {
        List<String> cols = new ArrayList<>();
        for (SqlNode k : (SqlNodeList) key.getOperandList().get(1)) {
          cols.add(((SqlIdentifier) k).getSimple());
        }
        SqlIdentifier given = (SqlIdentifier) key.getOperandList().get(0);
        String indexName = given != null ? given.getSimple() : name + "_" + String.join("_", cols) + "_key";
        if (indexes.stream().anyMatch(i -> i.name().equals(indexName))) {
          throw new FloeException(ErrorCode.INDEX_EXISTS, "CREATE TABLE " + name + " names two constraints '"
              + indexName + "'; give each UNIQUE constraint its own name");
        }
        indexes.add(new Index(indexName, cols, true));
        continue;
      }
      if (node instanceof SqlKeyConstraint key) {
        if (!primaryKey.isEmpty()) {
          throw new FloeException(ErrorCode.INVALID_ARGUMENT, "CREATE TABLE " + name + " declares more"
              + " than one PRIMARY KEY; declare one");
        }
        for (SqlNode k : (SqlNodeList) key.getOperandList().get(1)) {
          primaryKey.add(((SqlIdentifier) k).getSimple());
        }
        continue;
      }
      if (node instanceof SqlCheckConstraint) {
        throw new UnsupportedOperationException("CHECK constraints (Floe checks NOT NULL only); check the values"
            + " in the application, or select the valid rows through a view");
      }
      if (!(node instanceof SqlColumnDeclaration)) {
        throw new UnsupportedOperationException("table constraint " + node.getKind() + " in CREATE TABLE " + name);
      }
      SqlColumnDeclaration d = (SqlColumnDeclaration) node;
      String column = d.name.getSimple();
      if (d.strategy == ColumnStrategy.VIRTUAL || d.strategy == ColumnStrategy.STORED) {
        throw new UnsupportedOperationException("generated columns (column " + column + "); compute the"
            + " value in the query or in a view instead");
      }
      RelDataType type = textAsVarchar(d.dataType).deriveType(validator, true);
      String defaultSql = d.expression == null ? null : ColumnDefaults.check(d.expression, column, type, validator);
      boolean nullable = d.strategy != ColumnStrategy.NOT_NULLABLE && type.isNullable();
      columns.add(new Column(columns.size(), column, FloeTypes.fromRelType(type, column), nullable, defaultSql,
          FloeTypes.declaredLength(type)));
    }
    for (Index index : indexes) {
      for (String k : index.columns()) {
        if (indexOf(columns, k) < 0) {
          throw new FloeException(ErrorCode.COLUMN_NOT_FOUND, "UNIQUE column '" + k + "' is not a column"
              + " of table " + name + "; name one of " + columns.stream().map(Column::name).toList());
        }
      }
    }
    for (String k : primaryKey) {
      int i = indexOf(columns, k);
      if (i < 0) {
        throw new FloeException(ErrorCode.COLUMN_NOT_FOUND, "PRIMARY KEY column '" + k + "' is not a column"
            + " of table " + name + "; name one of " + columns.stream().map(Column::name).toList());
      }
      Column c = columns.get(i);
      columns.set(i, c.withNullable(false)); // a key is NOT NULL
    }
    Schema schema;
    try {
      schema = new Schema(columns, primaryKey, indexes);
    } catch (IllegalArgumentException e) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "CREATE TABLE " + name + ": " + e.getMessage(), e);
    }
    if (create.ifNotExists && store.find(name).isPresent()) {
      return;
    }
    FloeViews.checkNoView(store, name);
    store.create(name, schema);
  }

  /**
   * CREATE TABLE t LIKE s: an empty table with the columns of table {@code s} (names, types,
   * nullability, primary key), and their DEFAULTs with INCLUDING DEFAULTS or INCLUDING ALL.
   */
  @Override
  public void execute(SqlCreateTableLike create, CalcitePrepare.Context context) {
    FloeStore store = store(context, create.name);
    String name = simpleName(create.name);
    if (create.getReplace()) {
      throw new UnsupportedOperationException("CREATE OR REPLACE TABLE; DROP the table first, then CREATE it");
    }
    Schema source = store(context, create.sourceTable).table(simpleName(create.sourceTable)).latest().schema();
    boolean defaults = create.options().contains(SqlCreateTableLike.LikeOption.ALL)
        || create.options().contains(SqlCreateTableLike.LikeOption.DEFAULTS);
    List<Column> columns = new ArrayList<>();
    for (Column c : source.columns()) {
      columns.add(new Column(columns.size(), c.name(), c.type(), c.nullable(), defaults ? c.defaultSql() : null,
          c.maxLength()));
    }
    if (create.ifNotExists && store.find(name).isPresent()) {
      return;
    }
    FloeViews.checkNoView(store, name);
    store.create(name, new Schema(columns, source.primaryKey()));
  }

  /**
   * CREATE [UNIQUE] INDEX: one schema commit adding the index to the table ({@code
   * Table.addIndex}). A UNIQUE index is enforced like a UNIQUE constraint (the table's rows are
   * checked first); a plain index is recorded and reported by {@code getIndexInfo}, and builds
   * nothing: segment stats (min/max per column) already prune point lookups on any column.
   */
  public void execute(SqlCreateIndex create, CalcitePrepare.Context context) {
    Table table = store(context, create.table).table(simpleName(create.table));
    String indexName = create.name.getSimple();
    if (create.ifNotExists && table.latest().schema().index(indexName).isPresent()) {
      return;
    }
    List<String> columns = new ArrayList<>();
    for (SqlNode c : create.columns) {
      columns.add(((SqlIdentifier) c).getSimple());
    }
    table.addIndex(new Index(indexName, columns, create.unique));
    if (!create.unique) {
      DdlNotices.add("CREATE INDEX " + indexName + " is recorded (getIndexInfo reports it) but builds nothing:"
          + " Floe prunes lookups on " + String.join(", ", columns) + " by the min/max statistics every segment"
          + " keeps of every column, with or without an index");
    }
  }

  /**
   * COPY ... TO 'file.parquet': the query's rows as a Parquet file ({@link CopyTo}); local files
   * where the connection's file policy (the one {@code floe.read_parquet} uses) allows.
   */
  public void execute(SqlCopy copy, CalcitePrepare.Context context) {
    SqlIdentifier here = new SqlIdentifier("copy", org.apache.calcite.sql.parser.SqlParserPos.ZERO);
    CalciteSchema floe = floeSchema(context, here);
    dev.floe.planner.csv.FileAccess access = floe.getFunctions("read_parquet", true).stream()
        .filter(f -> f instanceof dev.floe.planner.parquet.ReadParquet.Macro)
        .map(f -> ((dev.floe.planner.parquet.ReadParquet.Macro) f).access())
        .findFirst().orElse(dev.floe.planner.csv.FileAccess.none("this connection has no file policy"));
    CopyTo.execute(copy, (java.sql.Connection) context.getDataContext().getQueryProvider(), store(context, here), access);
  }

  /**
   * DROP INDEX: one schema commit removing it from the table named by ON, or else from the one
   * table of the store that has an index of that name.
   */
  public void execute(SqlDropIndex drop, CalcitePrepare.Context context) {
    FloeStore store = store(context, drop.name);
    String indexName = simpleName(drop.name);
    if (drop.table != null) {
      Table t = store.table(simpleName(drop.table));
      if (!drop.ifExists || t.latest().schema().index(indexName).isPresent()) {
        t.dropIndex(indexName);
      }
      return;
    }
    for (String tableName : store.tables()) {
      Table t = store.table(tableName);
      if (t.latest().schema().index(indexName).isPresent()) {
        t.dropIndex(indexName);
        return;
      }
    }
    if (!drop.ifExists) {
      throw new FloeException(ErrorCode.INDEX_NOT_FOUND, "index " + indexName + " does not exist in any table;"
          + " DatabaseMetaData.getIndexInfo lists the indexes of a table");
    }
  }

  /** Refused: Floe has one schema per store. */
  @Override
  public void execute(SqlCreateSchema create, CalcitePrepare.Context context) {
    throw new UnsupportedOperationException("CREATE SCHEMA: a Floe store holds one schema, 'floe'; open"
        + " another store (another folder or S3 prefix) for another set of tables");
  }

  /** Refused: Floe has one schema per store. */
  @Override
  public void execute(SqlDropSchema drop, CalcitePrepare.Context context) {
    throw new UnsupportedOperationException("DROP SCHEMA: a Floe store holds one schema, 'floe', which cannot"
        + " be dropped; drop its tables");
  }

  /** Refused: Calcite's would live in this connection only. */
  @Override
  public void execute(SqlCreateMaterializedView create, CalcitePrepare.Context context) {
    throw new UnsupportedOperationException("CREATE MATERIALIZED VIEW; use CREATE TABLE ... AS SELECT for"
        + " a stored result, or CREATE VIEW for a stored query");
  }

  /** Refused: Calcite's would live in this connection only. */
  @Override
  public void execute(SqlCreateType create, CalcitePrepare.Context context) {
    throw new UnsupportedOperationException("CREATE TYPE (Floe has no user-defined types)");
  }

  @Override
  public void execute(SqlCreateView create, CalcitePrepare.Context context) {
    FloeViews.create(create, store(context, create.name), floeSchema(context, create.name), simpleName(create.name));
  }

  /**
   * PostgreSQL's and SQLite's {@code TEXT} (which Calcite reads as an unknown user-defined type)
   * as an unbounded VARCHAR, nullability kept; any other type as written.
   */
  private static org.apache.calcite.sql.SqlDataTypeSpec textAsVarchar(org.apache.calcite.sql.SqlDataTypeSpec spec) {
    if (spec.getTypeNameSpec() instanceof org.apache.calcite.sql.SqlUserDefinedTypeNameSpec u
        && u.getTypeName().isSimple() && u.getTypeName().getSimple().equalsIgnoreCase("TEXT")) {
      org.apache.calcite.sql.SqlDataTypeSpec varchar = new org.apache.calcite.sql.SqlDataTypeSpec(
          new org.apache.calcite.sql.SqlBasicTypeNameSpec(org.apache.calcite.sql.type.SqlTypeName.VARCHAR,
              spec.getParserPosition()), spec.getParserPosition());
      return spec.getNullable() == null ? varchar : varchar.withNullable(spec.getNullable());
    }
    return spec;
  }

  private static int indexOf(List<Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void execute(SqlDropObject drop, CalcitePrepare.Context context) {
    if (drop.getKind() == SqlKind.DROP_VIEW) {
      store(context, drop.name).views().drop(simpleName(drop.name), drop.ifExists);
      return;
    }
    if (drop.getKind() != SqlKind.DROP_TABLE) {
      throw new UnsupportedOperationException(drop.getOperator().getName() + " (Floe stores tables and views only)");
    }
    FloeStore store = store(context, drop.name);
    String name = simpleName(drop.name);
    if (drop.ifExists) {
      store.dropIfExists(name);
    } else {
      store.drop(name);
    }
  }

  /**
   * TRUNCATE TABLE: deletes every row in one commit at once, like other DDL (also with autocommit
   * off: an open transaction that deleted or updated rows of the table then fails its COMMIT with
   * 40001, and its inserts still land). Segments are
   * dropped unread; earlier versions keep their rows for time travel until VACUUM. There are no
   * identity columns, so RESTART and CONTINUE IDENTITY mean the same.
   */
  public void execute(SqlTruncateTable truncate, CalcitePrepare.Context context) {
    store(context, truncate.name).table(simpleName(truncate.name)).delete(Predicate.TRUE);
  }

  private static String simpleName(SqlIdentifier id) {
    return id.names.get(id.names.size() - 1);
  }

  /** The store of the schema the identifier names (or the default schema). */
  private static FloeStore store(CalcitePrepare.Context context, SqlIdentifier id) {
    return ((FloeSchema) floeSchema(context, id).schema).store();
  }

  /** The Floe schema the identifier names (or the default schema). */
  private static CalciteSchema floeSchema(CalcitePrepare.Context context, SqlIdentifier id) {
    List<String> path = id.isSimple() ? context.getDefaultSchemaPath() : id.names.subList(0, id.names.size() - 1);
    CalciteSchema schema = context.getRootSchema();
    for (String p : path) {
      schema = schema == null ? null : schema.getSubSchema(p, true);
    }
    FloeSchema floe = schema != null && schema.schema instanceof FloeSchema ? (FloeSchema) schema.schema : null;
    if (floe == null) {
      throw new FloeException(ErrorCode.INVALID_NAME, "schema " + String.join(".", path)
          + " does not hold Floe tables; create tables in the default schema");
    }
    return schema;
  }

  private static SqlValidator validator(CalcitePrepare.Context context) {
    CalciteCatalogReader reader = new CalciteCatalogReader(context.getRootSchema(),
        context.getDefaultSchemaPath(), context.getTypeFactory(), context.config());
    return SqlValidatorUtil.newValidator(SqlStdOperatorTable.instance(), reader,
        context.getTypeFactory(), SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT));
  }
}
