package org.apache.calcite.jdbc;

import dev.floe.storage.table.FloeStore;
import org.apache.calcite.avatica.AvaticaConnection;
import dev.floe.planner.exec.DirectInsert;
import dev.floe.planner.exec.ColumnBatch;
import dev.floe.planner.exec.InsertBatch;
import dev.floe.planner.exec.ParameterColumns;
import dev.floe.planner.exec.RowAppender;
import dev.floe.planner.exec.Transactions;
import java.util.List;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.Meta;

/**
 * Floe's Avatica {@link Meta}: Calcite's, plus transactions that never throw {@link
 * UnsupportedOperationException} (connection pools and Spring call {@code commit} and {@code
 * rollback}), autocommit on by default, and the connection's store, closed with the connection.
 *
 * <p>It lives in Calcite's package because {@link CalciteConnectionImpl} is package-private.
 */
public final class FloeMetaImpl extends CalciteMetaImpl {
  private volatile FloeStore store;

  private FloeMetaImpl(CalciteConnectionImpl connection) {
    super(connection, FloeMetaTableFactory.INSTANCE, FloeMetaColumnFactory.INSTANCE);
    connProps.setAutoCommit(true);
  }

  /** TABLE for user tables, SYSTEM TABLE for {@code floe_system}, VIEW for stored views (sorted, as JDBC asks). */
  @Override
  org.apache.calcite.linq4j.Enumerable<MetaTableType> tableTypes() {
    return org.apache.calcite.linq4j.Linq4j.asEnumerable(java.util.List.of(
        new MetaTableType("SYSTEM TABLE"), new MetaTableType("TABLE"), new MetaTableType("VIEW")));
  }

  /** The Meta for a new Floe connection. */
  public static Meta create(AvaticaConnection connection) {
    return new FloeMetaImpl((CalciteConnectionImpl) connection);
  }

  /** The Meta of an open Floe connection. */
  public static FloeMetaImpl of(AvaticaConnection connection) {
    return (FloeMetaImpl) ((CalciteConnectionImpl) connection).meta();
  }

  /** Binds the connection's store; it is closed with the connection. */
  public void attach(FloeStore store) {
    this.store = store;
  }

  /** The connection's store. */
  public FloeStore store() {
    return store;
  }

  /** The one catalog of a Floe connection: TABLE_CAT of every table, column and schema. */
  public static final String CATALOG = "floe";

  /** A schema pattern no schema matches: asked for another catalog, there is nothing. */
  private static final Pat NOTHING = Pat.of("\u0000");

  private static boolean ours(String catalog) {
    return catalog == null || catalog.equals(CATALOG);
  }

  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, List<String> typeList) {
    return super.getTables(ch, CATALOG, ours(catalog) ? schemaPattern : NOTHING, tableNamePattern, typeList);
  }

  /**
   * A schema's tables ordered by type, then name (JDBC's order; views come from the schema's table
   * lookup too), from one listing of the catalog whatever their number.
   */
  @Override
  org.apache.calcite.linq4j.Enumerable<MetaTable> tables(MetaSchema schema,
      org.apache.calcite.schema.lookup.LikePattern tableNamePattern) {
    // listed now, within one catalog listing: Calcite looks each name up, and each lookup outside a
    // statement would list the whole catalog again
    List<MetaTable> listed = dev.floe.planner.FloeSchema.oneListing(() -> super.tables(schema, tableNamePattern)
        .orderBy(t -> t.tableType + "\u0000" + t.tableName).toList());
    FloeMetaTableFactory.Listing.of(listed);
    return org.apache.calcite.linq4j.Linq4j.asEnumerable(listed);
  }

  /** A table's columns; the first table of a listing asked reads the whole listing's versions together. */
  @Override
  public org.apache.calcite.linq4j.Enumerable<MetaColumn> columns(MetaTable table) {
    if (table instanceof FloeMetaTableFactory.FloeMetaTable t) {
      t.readListing();
    }
    return super.columns(table);
  }

  @Override
  public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, Pat columnNamePattern) {
    return super.getColumns(ch, CATALOG, ours(catalog) ? schemaPattern : NOTHING, tableNamePattern,
        columnNamePattern);
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return super.getSchemas(ch, CATALOG, ours(catalog) ? schemaPattern : NOTHING);
  }

  /** Floe's storable types, one row each, in the order JDBC asks for (by DATA_TYPE). */
  private static final Object[][] TYPES = {
      // TYPE_NAME, DATA_TYPE, PRECISION, LITERAL_PREFIX, LITERAL_SUFFIX, CREATE_PARAMS, MAX_SCALE, NUM_PREC_RADIX
      {"TINYINT", java.sql.Types.TINYINT, 3, null, null, null, 0, 10},
      {"BIGINT", java.sql.Types.BIGINT, 19, null, null, null, 0, 10},
      {"VARBINARY", java.sql.Types.VARBINARY, Integer.MAX_VALUE, "X'", "'", "length", 0, null},
      {"DECIMAL", java.sql.Types.DECIMAL, 38, null, null, "precision,scale", 38, 10},
      {"INTEGER", java.sql.Types.INTEGER, 10, null, null, null, 0, 10},
      {"SMALLINT", java.sql.Types.SMALLINT, 5, null, null, null, 0, 10},
      {"REAL", java.sql.Types.REAL, 7, null, null, null, 0, 2},
      {"DOUBLE", java.sql.Types.DOUBLE, 15, null, null, null, 0, 2},
      {"VARCHAR", java.sql.Types.VARCHAR, Integer.MAX_VALUE, "'", "'", "length", 0, null},
      {"BOOLEAN", java.sql.Types.BOOLEAN, 1, null, null, null, 0, null},
      {"DATE", java.sql.Types.DATE, 10, "DATE '", "'", null, 0, null},
      {"TIME", java.sql.Types.TIME, 15, "TIME '", "'", "precision", 6, null},
      {"TIMESTAMP", java.sql.Types.TIMESTAMP, 26, "TIMESTAMP '", "'", "precision", 6, null},
      {"TIMESTAMP WITH LOCAL TIME ZONE", java.sql.Types.TIMESTAMP, 26, "TIMESTAMP '", "'", "precision",
          6, null}};

  /** Exactly the types a Floe column can have (Calcite lists many Floe cannot store). */
  /**
   * Calcite's metadata result sets, but for {@code getFunctions}: without Floe's internal markers
   * ({@code $version}, {@code $snapshot}), which statements reach by their rewritten text and no
   * user should call.
   */
  @Override
  protected MetaResultSet createResultSet(java.util.Map<String, Object> internalParameters,
      List<org.apache.calcite.avatica.ColumnMetaData> columns, CursorFactory cursorFactory, Frame firstFrame) {
    Frame frame = firstFrame;
    if (firstFrame != null && cursorFactory != null && cursorFactory.clazz == MetaFunction.class) {
      frame = new Frame(firstFrame.offset, firstFrame.done, com.google.common.collect.Iterables.filter(
          firstFrame.rows, r -> !(r instanceof MetaFunction f) || f.functionName == null || !f.functionName.startsWith("$")));
    }
    return super.createResultSet(internalParameters, columns, cursorFactory, frame);
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    List<Object> rows = new java.util.ArrayList<>();
    for (Object[] t : TYPES) {
      boolean numeric = t[7] != null;
      boolean text = t[0].equals("VARCHAR");
      rows.add(new Object[] {t[0], t[1], t[2], t[3], t[4], t[5], (short) java.sql.DatabaseMetaData.typeNullable,
          text, (short) java.sql.DatabaseMetaData.typeSearchable, numeric ? Boolean.FALSE : null, false, false,
          t[0], (short) 0, (short) (int) (Integer) t[6], null, null, t[7]});
    }
    List<org.apache.calcite.avatica.ColumnMetaData> columns = List.of(
        columnMetaData("TYPE_NAME", 0, String.class, false),
        columnMetaData("DATA_TYPE", 1, int.class, false),
        columnMetaData("PRECISION", 2, int.class, false),
        columnMetaData("LITERAL_PREFIX", 3, String.class, true),
        columnMetaData("LITERAL_SUFFIX", 4, String.class, true),
        columnMetaData("CREATE_PARAMS", 5, String.class, true),
        columnMetaData("NULLABLE", 6, short.class, false),
        columnMetaData("CASE_SENSITIVE", 7, boolean.class, false),
        columnMetaData("SEARCHABLE", 8, short.class, false),
        columnMetaData("UNSIGNED_ATTRIBUTE", 9, Boolean.class, true),
        columnMetaData("FIXED_PREC_SCALE", 10, boolean.class, false),
        columnMetaData("AUTO_INCREMENT", 11, boolean.class, false),
        columnMetaData("LOCAL_TYPE_NAME", 12, String.class, true),
        columnMetaData("MINIMUM_SCALE", 13, short.class, false),
        columnMetaData("MAXIMUM_SCALE", 14, short.class, false),
        columnMetaData("SQL_DATA_TYPE", 15, Integer.class, true),
        columnMetaData("SQL_DATETIME_SUB", 16, Integer.class, true),
        columnMetaData("NUM_PREC_RADIX", 17, Integer.class, true));
    return createResultSet(java.util.Map.of(), columns, CursorFactory.ARRAY, Frame.create(0, true, rows));
  }

  /**
   * The PRIMARY KEY of a Floe table (enforced by every write, RFC 0006), one row per key column in
   * key order; named {@code <table>_pkey} as in PostgreSQL.
   */
  @Override
  public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    List<Object> rows = new java.util.ArrayList<>();
    FloeStore s = store;
    if (s != null && table != null && ours(catalog)
        && (schema == null || schema.equals(dev.floe.jdbc.FloeDriver.SCHEMA))) {
      s.find(table).ifPresent(t -> {
        List<String> key = t.latest().schema().primaryKey();
        for (int i = 0; i < key.size(); i++) {
          rows.add(new Object[] {CATALOG, dev.floe.jdbc.FloeDriver.SCHEMA, table, key.get(i), (short) (i + 1),
              table + "_pkey"});
        }
      });
    }
    List<org.apache.calcite.avatica.ColumnMetaData> columns = List.of(
        columnMetaData("TABLE_CAT", 0, String.class, true),
        columnMetaData("TABLE_SCHEM", 1, String.class, true),
        columnMetaData("TABLE_NAME", 2, String.class, false),
        columnMetaData("COLUMN_NAME", 3, String.class, false),
        columnMetaData("KEY_SEQ", 4, short.class, false),
        columnMetaData("PK_NAME", 5, String.class, true));
    return createResultSet(java.util.Map.of(), columns, CursorFactory.ARRAY, Frame.create(0, true, rows));
  }

  /**
   * The indexes of a Floe table, one row per index column, as PostgreSQL reports them: the
   * primary key ({@code <table>_pkey}) and UNIQUE constraints and indexes with NON_UNIQUE false,
   * plain CREATE INDEXes with NON_UNIQUE true (unless {@code unique} asks for unique ones only);
   * TYPE is tableIndexOther, ordering ascending, cardinality and pages unknown.
   */
  @Override
  public MetaResultSet getIndexInfo(ConnectionHandle ch, String catalog, String schema, String table, boolean unique,
      boolean approximate) {
    List<Object> rows = new java.util.ArrayList<>();
    FloeStore s = store;
    if (s != null && table != null && ours(catalog)
        && (schema == null || schema.equals(dev.floe.jdbc.FloeDriver.SCHEMA))) {
      s.find(table).ifPresent(t -> {
        dev.floe.storage.Schema sc = t.latest().schema();
        List<dev.floe.storage.Index> all = new java.util.ArrayList<>();
        if (!sc.primaryKey().isEmpty()) {
          all.add(new dev.floe.storage.Index(table + "_pkey", sc.primaryKey(), true));
        }
        all.addAll(sc.indexes());
        for (dev.floe.storage.Index i : all) {
          if (unique && !i.unique()) {
            continue;
          }
          for (int k = 0; k < i.columns().size(); k++) {
            rows.add(new Object[] {CATALOG, dev.floe.jdbc.FloeDriver.SCHEMA, table, !i.unique(), null, i.name(),
                (short) java.sql.DatabaseMetaData.tableIndexOther, (short) (k + 1), i.columns().get(k), "A",
                null, null, null});
          }
        }
      });
    }
    List<org.apache.calcite.avatica.ColumnMetaData> columns = List.of(
        columnMetaData("TABLE_CAT", 0, String.class, true),
        columnMetaData("TABLE_SCHEM", 1, String.class, true),
        columnMetaData("TABLE_NAME", 2, String.class, false),
        columnMetaData("NON_UNIQUE", 3, boolean.class, false),
        columnMetaData("INDEX_QUALIFIER", 4, String.class, true),
        columnMetaData("INDEX_NAME", 5, String.class, true),
        columnMetaData("TYPE", 6, short.class, false),
        columnMetaData("ORDINAL_POSITION", 7, short.class, false),
        columnMetaData("COLUMN_NAME", 8, String.class, true),
        columnMetaData("ASC_OR_DESC", 9, String.class, true),
        columnMetaData("CARDINALITY", 10, Long.class, true),
        columnMetaData("PAGES", 11, Long.class, true),
        columnMetaData("FILTER_CONDITION", 12, String.class, true));
    return createResultSet(java.util.Map.of(), columns, CursorFactory.ARRAY, Frame.create(0, true, rows));
  }

  /**
   * Runs a prepared statement once per parameter set, as Calcite does, but gathers the rows of
   * INSERTs and commits them once per table at the end: a batch is all or nothing, and costs one
   * commit rather than one per row.
   */
  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValueLists)
      throws NoSuchStatementException {
    ExecuteBatchResult direct = direct(h, parameterValueLists);
    if (direct != null) {
      batchPaths[1]++;
      return direct;
    }
    if (Transactions.of(connection) != null) {
      ExecuteBatchResult result = super.executeBatch(h, parameterValueLists); // the rows wait for COMMIT
      batchPaths[2] += parameterValueLists.isEmpty() ? 0 : 1;
      return result;
    }
    try (InsertBatch batch = InsertBatch.open()) {
      ExecuteBatchResult result = super.executeBatch(h, parameterValueLists);
      batch.commit();
      batchPaths[2] += parameterValueLists.isEmpty() ? 0 : 1;
      return result;
    }
  }

  /**
   * A batch gathered by column by Floe's PreparedStatement: bound straight into the table's vectors
   * when every value fits its column as is ({@link DirectInsert#bind(ParameterColumns)}), otherwise
   * exactly {@code executeBatch(h, batch.typedValues())}, the lists Avatica would have built, with
   * the same answer or the same error. All or nothing, as that is.
   */
  public ExecuteBatchResult executeBatch(StatementHandle h, ParameterColumns batch) throws NoSuchStatementException {
    FloeStore s = store;
    java.util.Optional<DirectInsert> plan = s == null || batch.rows() == 0 ? java.util.Optional.empty() : plan(h, s);
    java.util.Optional<ColumnBatch> columns = plan.flatMap(p -> p.bind(batch));
    if (columns.isEmpty()) {
      return executeBatch(h, batch.typedValues());
    }
    write(s, plan.get(), appender -> appender.add(columns.get()));
    batchPaths[0]++;
    return ones(batch.rows());
  }

  /** Batches run so far: bound by column, bound by row ({@link #direct}), planned by Calcite. */
  private final long[] batchPaths = new long[3];

  /**
   * How many batches of this connection took each path, in this order: bound into the table by
   * column, bound by row, run row by row through Calcite's plan (a diagnostic, for tests). A batch
   * that fails, or has no rows, counts on none.
   */
  public long[] batchPaths() {
    return batchPaths.clone();
  }

  /**
   * A batch of a plain {@code INSERT ... VALUES (?, ...)} bound straight into segments ({@link
   * DirectInsert}): one commit (or the open transaction), no planning per row. Null when the
   * statement or a value needs Calcite's path.
   */
  private ExecuteBatchResult direct(StatementHandle h, List<List<TypedValue>> parameterValueLists) {
    FloeStore s = store;
    if (s == null || parameterValueLists.isEmpty()) {
      return null;
    }
    java.util.Optional<DirectInsert> plan = plan(h, s);
    if (plan.isEmpty()) {
      return null;
    }
    List<List<Object>> locals = new java.util.ArrayList<>(parameterValueLists.size());
    for (List<TypedValue> values : parameterValueLists) {
      List<Object> row = new java.util.ArrayList<>(values.size());
      for (TypedValue v : values) {
        row.add(v == null ? null : v.toLocal());
      }
      locals.add(row);
    }
    java.util.Optional<List<Object[]>> rows = plan.get().bind(locals);
    if (rows.isEmpty()) {
      return null;
    }
    write(s, plan.get(), appender -> DirectInsert.add(appender, rows.get()));
    return ones(parameterValueLists.size());
  }

  /** The direct plan of the statement's SQL, or empty. */
  private java.util.Optional<DirectInsert> plan(StatementHandle h, FloeStore s) {
    Signature signature = h.signature;
    if (signature == null) {
      try {
        signature = ((CalciteConnectionImpl) connection).server.getStatement(h).getSignature();
      } catch (NoSuchStatementException e) {
        return java.util.Optional.empty();
      }
    }
    if (signature == null || signature.sql == null) {
      return java.util.Optional.empty();
    }
    return DirectInsert.plan(signature.sql, s, dev.floe.jdbc.FloeDriver.SCHEMA);
  }

  /** Adds rows through the open transaction's appender (published at COMMIT), or as one commit of their own. */
  private void write(FloeStore s, DirectInsert plan, java.util.function.Consumer<RowAppender> rows) {
    Transactions tx = Transactions.of(connection);
    if (tx != null) {
      rows.accept(tx.appender(s, plan.table()));
    } else {
      dev.floe.storage.table.Table table = s.table(plan.table());
      try (RowAppender appender = new RowAppender(table, table.latest().schema(), "batch insert into " + table.name())) {
        rows.accept(appender);
        appender.commit();
      }
    }
  }

  private static ExecuteBatchResult ones(int n) {
    long[] counts = new long[n];
    java.util.Arrays.fill(counts, 1L);
    return new ExecuteBatchResult(counts);
  }

  /**
   * Runs a plain {@code Statement}'s SQL (planned once per JVM and text: {@link
   * dev.floe.planner.FloePrepare}). The run reads the table versions that planning (or the cached
   * plan's check) read in this call ({@link dev.floe.planner.exec.StatementReads}).
   */
  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    // planning and running happen in this one call: the run scans the versions planning read
    try (dev.floe.planner.exec.StatementReads.Scope reads = dev.floe.planner.exec.StatementReads.open()) {
      return super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
    }
  }

  /** How many of this connection's statements reused a cached plan (a diagnostic, for tests). */
  public long planCacheHits() {
    CalciteSchema floe = getConnection().rootSchema.getSubSchema(dev.floe.jdbc.FloeDriver.SCHEMA, true);
    return floe != null && floe.schema instanceof dev.floe.planner.FloeSchema f ? f.planReuses() : 0;
  }

  /**
   * Tracks autocommit: switching it off opens a transaction ({@link Transactions}); switching it
   * back on commits what the transaction wrote, as JDBC requires.
   */
  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties props) {
    ConnectionProperties result = super.connectionSync(ch, props);
    Boolean autoCommit = result.isAutoCommit();
    if (Boolean.FALSE.equals(autoCommit)) {
      Transactions.begin(connection);
    } else if (Boolean.TRUE.equals(autoCommit)) {
      Transactions.end(connection, true);
    }
    return result;
  }

  /** Publishes the rows the open transaction inserted, one commit per table. */
  @Override
  public void commit(ConnectionHandle ch) {
    Transactions.commit(connection);
  }

  /** Drops the rows the open transaction inserted; nothing of them becomes visible. */
  @Override
  public void rollback(ConnectionHandle ch) {
    Transactions.rollback(connection);
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    Transactions.end(connection, false); // closing without COMMIT rolls back
    super.closeConnection(ch);
    FloeStore s = store;
    if (s != null) {
      s.close();
    }
  }
}
