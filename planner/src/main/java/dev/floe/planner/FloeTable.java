package dev.floe.planner;

import dev.floe.planner.exec.AggCall;
import dev.floe.planner.exec.BatchAggregator;
import dev.floe.planner.exec.BatchRowEnumerator;
import dev.floe.storage.ColumnType;
import dev.floe.planner.exec.TopNFilter;
import dev.floe.planner.exec.InsertBatch;
import dev.floe.planner.exec.Transactions;
import dev.floe.planner.exec.ReadPins;
import dev.floe.planner.exec.ReadPoint;
import dev.floe.planner.exec.RowAppender;
import dev.floe.planner.exec.RowMatcher;
import dev.floe.planner.exec.StringLengths;
import dev.floe.planner.exec.StatementReads;
import dev.floe.planner.exec.StatementCancel;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.floe.storage.table.PendingChanges;
import dev.floe.planner.pushdown.FilterBinder;
import dev.floe.planner.pushdown.FilterSpecCodec;
import dev.floe.planner.pushdown.RewriteSpec;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableScan;
import java.util.ArrayList;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import dev.floe.planner.rel.FloeLogicalTableModify;
import dev.floe.planner.rel.FloeTableScan;
import dev.floe.planner.rules.FloeRules;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import dev.floe.planner.types.FloeTypes;
import dev.floe.storage.Column;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.TableVersion;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.TemporalTable;

/**
 * A Floe table as Calcite sees it. Its row type is the schema of the table's latest version, read
 * once per instance (the schema makes a new instance for each statement); also when a statement
 * reads an older version ({@code FOR SYSTEM_TIME AS OF}, {@code floe.at_version}), whose rows read
 * NULL for columns added since.
 */
public final class FloeTable extends AbstractQueryableTable
    implements TranslatableTable, ModifiableTable, TemporalTable {
  private final FloeStore store;
  private final String name;
  private volatile TableVersion version;

  private final boolean pushdown;
  /** The version a connection opened on a named snapshot reads as "latest"; null otherwise. */
  private final Long pinned;
  /** The catalog generation of the table's root, as the statement's listing found it; null if not listed. */
  private final Long generation;

  FloeTable(FloeStore store, String name, boolean pushdown, Long pinned, Long generation) {
    super(Object[].class);
    this.pushdown = pushdown;
    this.pinned = pinned;
    this.generation = generation;
    this.store = store;
    this.name = name;
  }

  /** The table's name in the catalog. */
  public String name() {
    return name;
  }

  /**
   * The version this instance reads: the latest when first asked (the one this JDBC call already
   * read, if any: {@link StatementReads}), then the same.
   */
  public TableVersion version() {
    TableVersion v = version;
    if (v == null) {
      try {
        v = pinned != null ? store.table(name).version(pinned) : StatementReads.latest(store, name,
            () -> generation != null ? store.latest(name, generation) : store.latest(name));
      } catch (dev.floe.storage.commit.FloeException e) {
        if (pinned != null || e.code() != ErrorCode.CORRUPT_OBJECT && e.code() != ErrorCode.MISSING_OBJECT) {
          throw e;
        }
        // a damaged latest version: its schema comes from the newest sound record, so that older
        // versions stay readable by time travel; reading the latest still fails (ReadPins), and
        // this fallback is never cached
        return store.table(name).latestReadable();
      }
      version = v;
    }
    return v;
  }

  /**
   * The row count of the version this instance reads, from its manifest list (no data is read), so
   * that joins are ordered by the tables' real sizes instead of Calcite's guess of 100 rows each.
   * An estimate only: any plan chosen from it gives the same answer. No keys are declared, because
   * a transaction's own pending rows may still hold a duplicate that COMMIT will refuse, and
   * Calcite would drop a GROUP BY on a declared key.
   */
  @Override
  public Statistic getStatistic() {
    return Statistics.of(Math.max(1, version().rowCount()), List.of());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return FloeTableScan.of(context.getCluster(), relOptTable, this, null); // AS OF: FloeSnapshotRule
  }

  /** Whether scans of this table take pushed filters and column pruning. */
  public boolean pushdown() {
    return pushdown;
  }

  /**
   * Rows of the latest version this execution reads ({@link ReadPins}); see {@link #scan(DataContext,
   * int[], String, int, Long)}.
   */
  public Enumerable<Object[]> scan(DataContext root, int[] columnIds, String filter) {
    return scan(root, columnIds, filter, ReadPoint.Kind.LATEST.ordinal(), null);
  }

  /**
   * Rows of the version this execution reads at the given read point ({@link ReadPins}), with only
   * the given columns and only rows that pass the pushed filter, streamed batch by batch; called by
   * the code {@link dev.floe.planner.rel.FloeToEnumerableConverter} generates. A historical version
   * that predates a column (ADD COLUMN) reads NULL for it, in the output and in the filter. A
   * historical read ignores the open transaction's own changes: it reads committed versions only.
   *
   * @param columnIds the stored columns to produce, in order
   * @param filter the pushed filter ({@link dev.floe.planner.pushdown.FilterSpecCodec}), or null
   * @param atKind the read point's {@link ReadPoint.Kind} ordinal
   * @param at the read point's value in Calcite's internal representation (null for LATEST)
   */
  public Enumerable<Object[]> scan(DataContext root, int[] columnIds, String filter, int atKind, Long at) {
    return scan(root, columnIds, filter, atKind, at, -1, false, 0);
  }

  /**
   * As {@link #scan(DataContext, int[], String, int, Long)}, below {@code ORDER BY ... LIMIT}: with
   * {@code topField >= 0}, rows that cannot be among the first {@code topKeep} by output column
   * {@code topField} are left out ({@link TopNFilter}; the sort above still orders and cuts).
   */
  public Enumerable<Object[]> scan(DataContext root, int[] columnIds, String filter, int atKind, Long at,
      int topField, boolean topDescending, int topKeep) {
    Bound b = bind(root, columnIds, filter, atKind, at);
    int topPosition = topField < 0 ? -1 : b.positions()[topField];
    ColumnType.Kind topKind = topPosition < 0 ? null : b.pinned().schema().columns().stream()
        .filter(c -> c.id() == columnIds[topField]).findFirst().map(c -> c.type().kind()).orElse(null);
    boolean micros = topKind == ColumnType.Kind.TIME || topKind == ColumnType.Kind.TIMESTAMP
        || topKind == ColumnType.Kind.TIMESTAMP_LTZ;
    return new AbstractEnumerable<Object[]>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        TableScan scan = b.start(root);
        TopNFilter top = null;
        if (topKind != null) {
          // best segments first, and a segment that cannot make the cut is never fetched
          top = new TopNFilter(topPosition, topDescending, topKeep, micros);
          scan.prioritize(columnIds[topField], topDescending, top::mayContribute);
        }
        Enumerator<Object[]> rows = new BatchRowEnumerator(scan, scan, top, StatementCancel.flag(root));
        return b.padded() ? new PaddedEnumerator(rows, b.positions()) : rows;
      }
    };
  }

  /**
   * The GROUP BY aggregates of the rows {@link #scan(DataContext, int[], String, int, Long)} would
   * produce, computed over the Arrow batches by {@link BatchAggregator} (one row per group: keys,
   * then aggregates; one row when {@code groupBy} is empty); called by the code {@link
   * dev.floe.planner.rel.FloeToEnumerableConverter} generates for a {@link
   * dev.floe.planner.rel.FloeAggregate}. Reads the same version, with the same visibility of the
   * open transaction's changes, as the scan would.
   *
   * @param groupBy positions in {@code columnIds} of the group keys
   * @param calls the aggregates ({@link AggCall#encode})
   */
  public Enumerable<Object[]> aggregate(DataContext root, int[] columnIds, String filter, int atKind, Long at,
      int[] groupBy, String calls) {
    Bound b = bind(root, columnIds, filter, atKind, at);
    List<AggCall> list = AggCall.decode(calls);
    boolean countsOnly = groupBy.length == 0 && filter == null && !list.isEmpty()
        && list.stream().allMatch(c -> c.kind() == AggCall.Kind.COUNT && c.arg() < 0);
    boolean fromStats = groupBy.length == 0 && !b.historical() && !list.isEmpty()
        && list.stream().allMatch(c -> c.kind() == AggCall.Kind.COUNT || c.kind() == AggCall.Kind.MIN
            || c.kind() == AggCall.Kind.MAX);
    return new AbstractEnumerable<Object[]>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        if (countsOnly && !b.historical() && b.writer(root) == null) {
          // COUNT(*) of the whole latest committed version: its row count, from the commit record
          // alone (not for an older version, whose data VACUUM may have expired: reading it must fail)
          Object[] row = new Object[list.size()];
          java.util.Arrays.fill(row, b.pinned().rowCount());
          return Linq4j.singletonEnumerator(row);
        }
        TableScan scan = b.start(root);
        BatchAggregator aggregator = new BatchAggregator(b.positions(), groupBy, list);
        if (fromStats) {
          // segments the filter selects in full add COUNT, MIN and MAX from their stats, unread (not
          // for an older version: as above, reading an expired one must fail)
          scan.answerFromStats(footer -> aggregator.addFromStats(footer, columnIds));
        }
        return Linq4j.enumerator(aggregator.run(scan, scan, StatementCancel.flag(root)));
      }
    };
  }

  /**
   * A scan bound to its execution: the pinned version, the stored columns to read, where each
   * output column comes from ({@code -1}: NULL, a column the historical version lacks), the bound
   * predicate.
   */
  private record Bound(FloeTable table, TableVersion pinned, List<String> names, int[] positions, Predicate where,
      boolean historical) {
    boolean padded() {
      return names.size() < positions.length;
    }

    /** The open transaction whose own changes to the table the scan includes, or null. */
    Transactions writer(DataContext root) {
      Transactions tx = historical ? null : Transactions.of(root.getQueryProvider());
      return tx != null && tx.touched(table.name) ? tx : null;
    }

    /** Opens the scan: the open transaction's own changes included unless historical. */
    TableScan start(DataContext root) {
      Transactions tx = writer(root);
      return tx == null ? pinned.scan(names, where) : tx.changes(table.store, table.name).scan(pinned, names, where);
    }
  }

  private Bound bind(DataContext root, int[] columnIds, String filter, int atKind, Long at) {
    ReadPoint point = pinned != null && atKind == ReadPoint.Kind.LATEST.ordinal()
        ? ReadPoint.of(ReadPoint.Kind.VERSION.ordinal(), pinned, timeZone(root), name)
        : ReadPoint.of(atKind, at, timeZone(root), name);
    TableVersion pinned = ReadPins.version(root, store, name, point);
    Schema schema = pinned.schema();
    boolean historical = point.kind() != ReadPoint.Kind.LATEST;
    List<String> names = new ArrayList<>(columnIds.length);
    int[] positions = new int[columnIds.length]; // where each output column comes from; -1: NULL
    Schema bindSchema = schema;
    for (int i = 0; i < columnIds.length; i++) {
      int id = columnIds[i];
      java.util.Optional<Column> c = schema.byId(id);
      if (c.isEmpty() && historical) {
        Column later = laterColumn(id);
        if (bindSchema.byId(id).isEmpty()) {
          bindSchema = bindSchema.withColumn(later);
        }
        positions[i] = -1;
        continue;
      }
      positions[i] = names.size();
      names.add(c.orElseThrow(() -> new FloeException(ErrorCode.COLUMN_NOT_FOUND,
          "table '" + name + "' no longer has the column (id " + id + ") this statement was planned"
              + " with; prepare it again")).name());
    }
    dev.floe.planner.pushdown.FilterSpec spec = FilterSpecCodec.decode(filter);
    if (historical && spec != null) {
      for (int id : dev.floe.planner.rel.FloeTableScan.filterColumnIds(spec)) {
        if (bindSchema.byId(id).isEmpty()) {
          bindSchema = bindSchema.withColumn(laterColumn(id)); // NULL in every row of this version
        }
      }
    }
    Predicate where = FilterBinder.bind(spec, bindSchema, i -> root.get("?" + i));
    return new Bound(this, pinned, names, positions, where, historical);
  }

  /** The only column of one-column rows, as bare values (Calcite's SCALAR row format). */
  public static Enumerable<Object> firstColumn(Enumerable<Object[]> rows) {
    return rows.select(r -> r[0]);
  }

  /** A column of the current schema that a historical version does not have yet. */
  private Column laterColumn(int id) {
    return version().schema().byId(id).orElseThrow(() -> new FloeException(ErrorCode.COLUMN_NOT_FOUND,
        "table '" + name + "' no longer has the column (id " + id + ") this statement was planned"
            + " with; prepare it again"));
  }

  private static java.util.TimeZone timeZone(DataContext root) {
    Object tz = root.get(DataContext.Variable.TIME_ZONE.camelName);
    return tz instanceof java.util.TimeZone z ? z : java.util.TimeZone.getDefault();
  }

  /** Rows with NULL at the positions a historical version has no column for. */
  private static final class PaddedEnumerator implements Enumerator<Object[]> {
    private final Enumerator<Object[]> in;
    private final int[] positions;
    private Object[] current;

    PaddedEnumerator(Enumerator<Object[]> in, int[] positions) {
      this.in = in;
      this.positions = positions;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (!in.moveNext()) {
        current = null;
        return false;
      }
      Object[] r = in.current();
      Object[] out = new Object[positions.length];
      for (int i = 0; i < positions.length; i++) {
        out[i] = positions[i] < 0 ? null : r[positions[i]];
      }
      current = out;
      return true;
    }

    @Override
    public void reset() {
      in.reset();
    }

    @Override
    public void close() {
      in.close();
    }
  }

  /** Why a modification cannot run through Calcite's collection-based path. */
  public static final String REWRITE_LIMITS = "this modification of a Floe table: Floe plans INSERT, UPDATE and"
      + " DELETE itself, and this statement took another path; rewrite it as a plain INSERT, UPDATE or DELETE";

  /** Not used: Floe plans modifications itself ({@link #toModificationRel}). */
  @Override
  public Collection<?> getModifiableCollection() {
    throw new UnsupportedOperationException(FloeTable.REWRITE_LIMITS);
  }

  @Override
  public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table, Prepare.CatalogReader catalogReader,
      RelNode child, TableModify.Operation operation, List<String> updateColumnList,
      List<RexNode> sourceExpressionList, boolean flattened) {
    for (RelOptRule rule : FloeRules.RULES) {
      cluster.getPlanner().addRule(rule);
    }
    return new FloeLogicalTableModify(cluster, table, catalogReader, child, operation, updateColumnList,
        sourceExpressionList, flattened);
  }

  /**
   * Inserts {@code rows} (in table column order, Calcite's internal representation) as one
   * append commit: all of them or none. Called by the code {@link
   * dev.floe.planner.rel.FloeTableModify} generates.
   *
   * @param scalar whether each row is a bare value (a one-column table) rather than an array
   * @return the number of rows inserted
   */
  public long insert(DataContext root, Enumerable<?> rows, boolean scalar) {
    refuseWritesOnSnapshot();
    InsertBatch batch = InsertBatch.current();
    AtomicBoolean cancel = StatementCancel.flag(root);
    if (batch != null) {
      return addAll(batch.appender(store, name), rows, scalar, cancel); // committed with the whole batch
    }
    Transactions tx = Transactions.of(root.getQueryProvider());
    if (tx != null) {
      return addAll(tx.appender(store, name), rows, scalar, cancel); // published at COMMIT
    }
    Table table = store.table(name);
    Schema schema = table.latest().schema();
    try (RowAppender appender = new RowAppender(table, schema, "insert into " + name)) {
      addAll(appender, rows, scalar, cancel);
      StatementCancel.check(cancel); // the last moment a cancel can still leave the table unchanged
      return appender.commit();
    }
  }

  /** Adds every row; checks {@code cancel} once per {@link #CANCEL_CHECK} rows (rows not from a Floe scan). */
  private static long addAll(RowAppender appender, Enumerable<?> rows, boolean scalar, AtomicBoolean cancel) {
    long n = 0;
    try (Enumerator<?> e = rows.enumerator()) {
      while (e.moveNext()) {
        if ((n & (CANCEL_CHECK - 1)) == 0) {
          StatementCancel.check(cancel);
        }
        Object row = e.current();
        appender.add(scalar || !(row instanceof Object[]) ? new Object[] {row} : (Object[]) row);
        n++;
      }
    }
    return n;
  }

  /** Rows an INSERT adds between two checks of the cancel flag (a power of two). */
  private static final int CANCEL_CHECK = 1024;

  /**
   * Runs a copy-on-write DELETE or UPDATE as one commit: only segments holding matching rows are
   * rewritten. Called by the code {@link dev.floe.planner.rel.FloeRewrite} generates.
   *
   * @param spec the rewrite ({@link RewriteSpec#encode})
   * @return the number of rows deleted or updated
   */
  public long rewrite(DataContext root, String spec) {
    refuseWritesOnSnapshot();
    RewriteSpec r = RewriteSpec.decode(spec);
    Transactions tx = Transactions.of(root.getQueryProvider());
    Table table = store.table(name);
    TableVersion base = tx == null ? table.latest() : ReadPins.version(root, store, name);
    Schema schema = base.schema();
    Predicate where = FilterBinder.bind(r.where(), schema, i -> root.get("?" + i));
    List<String> assigned = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    r.assignments().forEach((id, v) -> {
      Column c = schema.byId(id).orElseThrow(() -> new FloeException(ErrorCode.COLUMN_NOT_FOUND,
          "table '" + name + "' no longer has the column (id " + id + ") this statement sets; run it again"));
      assigned.add(c.name());
      values.add(StringLengths.fit(c, name, FilterBinder.value(v, c.type(), i -> root.get("?" + i))));
    });
    if (tx != null) {
      tx.rewrote(store, name, base);
      Object[] row = values.toArray();
      return tx.changes(store, name).rewrite(base, where, null, r.delete() ? null : assigned, (rows, i) -> row);
    }
    // one commit of its own, row-level: few rows of a segment are marked in its deletion vector (so
    // concurrent statements changing other rows of it both commit), many rewrite it copy-on-write
    Object[] row = values.toArray();
    PendingChanges changes = new PendingChanges(table);
    long n = changes.rewrite(base, where, null, r.delete() ? null : assigned, (rows, i) -> row);
    StatementCancel.check(StatementCancel.flag(root));
    changes.commit();
    return n;
  }

  /**
   * Runs a DELETE or UPDATE whose rows and values Calcite computed ({@link
   * dev.floe.planner.rel.FloeRowRewrite}): the stored rows equal to a row of {@code rows} are
   * deleted or get the new values, copy-on-write, in one commit (or into the open transaction).
   * A concurrent commit that replaced one of the rewritten segments makes it fail (40001) with
   * nothing changed.
   *
   * @param rows the table's columns of each row to change, then the new values (UPDATE)
   * @param columns the updated columns' names, separated by NUL (empty for DELETE)
   * @param sources the positions of the new values in each row, comma-separated
   * @return the number of rows deleted or updated
   */
  private void refuseWritesOnSnapshot() {
    if (pinned != null) {
      throw new RuntimeException(new java.sql.SQLException("cannot write table '" + name + "': the connection"
          + " is open on a named snapshot, which is read-only; open one without the snapshot property to write",
          "25006"));
    }
  }

  public long rewriteRows(DataContext root, Enumerable<?> rows, boolean scalar, boolean delete, String columns,
      String sources) {
    refuseWritesOnSnapshot();
    TableVersion base = ReadPins.version(root, store, name);
    Schema schema = base.schema();
    List<String> assigned = delete || columns.isEmpty() ? List.of() : List.of(columns.split("\u0000"));
    int[] indexes = new int[assigned.size()];
    for (int i = 0; i < indexes.length; i++) {
      String c = assigned.get(i);
      indexes[i] = schema.columns().indexOf(schema.byName(c).orElseThrow(() -> new FloeException(
          ErrorCode.COLUMN_NOT_FOUND, "table '" + name + "' no longer has the column '" + c
              + "' this statement sets; run it again")));
    }
    int[] from = sources.isEmpty() ? new int[0]
        : java.util.Arrays.stream(sources.split(",")).mapToInt(Integer::parseInt).toArray();
    RowMatcher matcher = RowMatcher.collect(name, schema, rows, scalar, indexes, from);
    if (matcher.isEmpty()) {
      return 0;
    }
    Transactions tx = Transactions.of(root.getQueryProvider());
    if (tx != null) {
      tx.rewrote(store, name, base);
    }
    PendingChanges changes = tx != null ? tx.changes(store, name) : new PendingChanges(store.table(name));
    long n = changes.rewrite(base, Predicate.TRUE, matcher.filter(), delete ? null : assigned, matcher.update());
    if (tx == null) {
      StatementCancel.check(StatementCancel.flag(root));
      changes.commit();
    }
    return n;
  }

  /** Floe tables are read through {@link #toRel} only; LINQ-style queries are not offered. */
  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    throw new UnsupportedOperationException("LINQ queries over Floe table '" + name + "'");
  }

  /** Also the table's column defaults ({@link org.apache.calcite.sql2rel.InitializerExpressionFactory}). */
  @Override
  public <C> C unwrap(Class<C> c) {
    if (c == org.apache.calcite.sql2rel.InitializerExpressionFactory.class) {
      return c.cast(new FloeDefaults(version().schema().columns()));
    }
    return super.unwrap(c);
  }

  /** Not a column: Floe keeps history per version, not per row ({@link TemporalTable} needs a name). */
  @Override
  public String getSysStartFieldName() {
    return "$floe_committed_from";
  }

  /** Not a column; see {@link #getSysStartFieldName()}. */
  @Override
  public String getSysEndFieldName() {
    return "$floe_committed_until";
  }

  /**
   * The check that a plan made with this instance's row type still fits the table in a store (the
   * connection that runs it may be another one over the same root): the connection reads a fixed
   * snapshot version, or the table's latest schema there is the one planned with (same columns,
   * ids and types). False when the table is gone or cannot be read now (the caller plans again,
   * and planning reports the error).
   */
  private PlanRecorder.Check planCheck() {
    if (pinned != null) {
      return s -> true;
    }
    Schema planned = version().schema();
    String table = name;
    return s -> StatementReads.latest(s, table, () -> s.latest(table)).schema().equals(planned);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    PlanRecorder.touched(this, planCheck());
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (Column c : version().schema().columns()) {
      b.add(c.name(), FloeTypes.toRelType(c.type(), c.nullable(), typeFactory));
    }
    return b.build();
  }
}
