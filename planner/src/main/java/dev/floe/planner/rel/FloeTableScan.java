package dev.floe.planner.rel;

import dev.floe.planner.FloeTable;
import dev.floe.planner.pushdown.FilterSpec;
import dev.floe.planner.pushdown.FilterSpecCodec;
import dev.floe.planner.rules.FloeRules;
import dev.floe.storage.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * A scan of a Floe table with the columns and filter pushed into it: the segment reader fetches
 * only the listed columns' byte ranges, skips segments whose stats rule the filter out, and filters
 * rows itself. {@code EXPLAIN} shows both.
 */
public final class FloeTableScan extends TableScan implements FloeRel {
  private final FloeTable floeTable;
  private final int[] fields;
  private final FilterSpec filter;
  private final ReadAt at;
  private final TopN topN;

  /**
   * @param fields indexes into the table's row type of the columns produced, in order
   * @param filter the pushed filter, or null
   * @param at the historical version to read, or null for the latest
   */
  public FloeTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, FloeTable floeTable,
      int[] fields, FilterSpec filter, ReadAt at) {
    this(cluster, traits, table, floeTable, fields, filter, at, null);
  }

  private FloeTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, FloeTable floeTable,
      int[] fields, FilterSpec filter, ReadAt at, TopN topN) {
    super(cluster, traits, List.of(), table);
    this.floeTable = floeTable;
    this.fields = fields;
    this.filter = filter;
    this.at = at;
    this.topN = topN;
  }

  /** The ORDER BY ... LIMIT hint, or null: then every row that passes the filter leaves the scan. */
  public TopN topN() {
    return topN;
  }

  /**
   * The same scan with a top-N hint. Only for a scan right below its sort: the hinted scan returns
   * fewer rows, so it is no longer equivalent to this one (other rules drop the hint: see {@link #with}).
   */
  public FloeTableScan withTopN(TopN hint) {
    return new FloeTableScan(getCluster(), getTraitSet(), getTable(), floeTable, fields, filter, at, hint);
  }

  /** A scan of every column with no filter, at {@code at} (null: the latest version). */
  public static FloeTableScan of(RelOptCluster cluster, RelOptTable table, FloeTable floeTable, ReadAt at) {
    int n = table.getRowType().getFieldCount();
    return new FloeTableScan(cluster, cluster.traitSetOf(CONVENTION), table, floeTable,
        IntStream.range(0, n).toArray(), null, at);
  }

  /** The historical version this scan reads, or null for the latest. */
  public ReadAt at() {
    return at;
  }

  /** The same scan reading at {@code newAt} (without a top-N hint). */
  public FloeTableScan at(ReadAt newAt) {
    return new FloeTableScan(getCluster(), getTraitSet(), getTable(), floeTable, fields, filter, newAt);
  }

  public FloeTable floeTable() {
    return floeTable;
  }

  /** Indexes into the table's row type of the produced columns. */
  public int[] fields() {
    return fields.clone();
  }

  public FilterSpec filter() {
    return filter;
  }

  /** This scan's filter and {@code pushed} (either may be null): what the scan filters once more is pushed. */
  public FilterSpec filterAnd(FilterSpec pushed) {
    return pushed == null ? filter : filter == null ? pushed : new FilterSpec.And(List.of(filter, pushed));
  }

  /** The stored columns this scan produces, in order. */
  public List<Column> columns() {
    List<Column> all = floeTable.version().schema().columns();
    List<Column> out = new ArrayList<>(fields.length);
    for (int f : fields) {
      out.add(all.get(f));
    }
    return out;
  }

  /**
   * The position (in this scan's output) of the column cheapest to fetch when a query needs rows
   * but no column (COUNT(*)): one the pushed filter reads anyway, else the narrowest fixed-width one.
   */
  public int cheapestField() {
    List<Column> cols = columns();
    java.util.Set<Integer> filtered = filter == null ? java.util.Set.of() : filterColumnIds(filter);
    int best = 0;
    int bestRank = Integer.MAX_VALUE;
    for (int i = 0; i < cols.size(); i++) {
      Column c = cols.get(i);
      int rank = filtered.contains(c.id()) ? -1 : widthRank(c);
      if (rank < bestRank) {
        best = i;
        bestRank = rank;
      }
    }
    return best;
  }

  private static int widthRank(Column c) {
    switch (c.type().kind()) {
      case BOOLEAN:
        return 0;
      case TINYINT:
        return 1;
      case SMALLINT:
        return 2;
      case INTEGER:
      case DATE:
      case REAL:
        return 3;
      case VARCHAR:
      case VARBINARY:
        return 9;
      case DECIMAL:
        return 5;
      default:
        return 4;
    }
  }

  /** The ids of the columns {@code f} reads. */
  public static java.util.Set<Integer> filterColumnIds(FilterSpec f) {
    java.util.Set<Integer> ids = new java.util.HashSet<>();
    java.util.ArrayDeque<FilterSpec> todo = new java.util.ArrayDeque<>(List.of(f));
    while (!todo.isEmpty()) {
      FilterSpec x = todo.pop();
      if (x instanceof FilterSpec.Compare c) {
        ids.add(c.columnId());
      } else if (x instanceof FilterSpec.IsNull n) {
        ids.add(n.columnId());
      } else if (x instanceof FilterSpec.StartsWith p) {
        ids.add(p.columnId());
      } else if (x instanceof FilterSpec.And a) {
        todo.addAll(a.operands());
      } else if (x instanceof FilterSpec.Or o) {
        todo.addAll(o.operands());
      } else if (x instanceof FilterSpec.Not n) {
        todo.add(n.operand());
      }
    }
    return ids;
  }

  /**
   * This scan reduced to the output positions in {@code used} (ascending), with {@code newFilter},
   * and the mapping from this scan's output positions to the reduced scan's.
   */
  public Pruned prune(org.apache.calcite.util.ImmutableBitSet used, FilterSpec newFilter) {
    int[] newFields = new int[used.cardinality()];
    org.apache.calcite.util.mapping.Mapping mapping = org.apache.calcite.util.mapping.Mappings.create(
        org.apache.calcite.util.mapping.MappingType.INVERSE_SURJECTION, fields.length, newFields.length);
    int j = 0;
    for (int i : used) {
      newFields[j] = fields[i];
      mapping.set(i, j);
      j++;
    }
    return new Pruned(with(newFields, newFilter), mapping);
  }

  /** A reduced scan and where each old output position went. */
  public record Pruned(FloeTableScan scan, org.apache.calcite.util.mapping.Mapping mapping) {}

  /** The same scan producing {@code newFields} and filtering with {@code newFilter} (without a top-N hint). */
  public FloeTableScan with(int[] newFields, FilterSpec newFilter) {
    return new FloeTableScan(getCluster(), getTraitSet(), getTable(), floeTable, newFields, newFilter, at);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new FloeTableScan(getCluster(), traitSet, getTable(), floeTable, fields, filter, at, topN);
  }

  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : floeTable.pushdown() ? FloeRules.RULES : FloeRules.WITHOUT_PUSHDOWN) {
      planner.addRule(rule);
    }
    // Calcite's collection-based modify cannot change a Floe table; FloeRowRewrite does instead
    planner.removeRule(org.apache.calcite.adapter.enumerable.EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
    // Floe scans come unsorted, so a merge join sorts both inputs in memory (a 1M-row join with a
    // 5-row table took 4x longer than hashing the small side); hash and nested-loop joins remain
    planner.removeRule(org.apache.calcite.adapter.enumerable.EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    // ORDER BY ... LIMIT k keeps the best k rows as they stream by (n log k) instead of sorting
    // every row (a 0.1 % slice of 10M rows, ORDER BY ts LIMIT 100, spent 43 % of its time sorting)
    planner.addRule(org.apache.calcite.adapter.enumerable.EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE);
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> all = table.getRowType().getFieldList();
    RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
    for (int f : fields) {
      b.add(all.get(f));
    }
    return b.build();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> names = table.getRowType().getFieldNames();
    return super.explainTerms(pw)
        .item("columns", IntStream.of(fields).mapToObj(names::get).collect(Collectors.toList()))
        .itemIf("filter", FilterSpecCodec.encode(filter), filter != null)
        .itemIf("at", at, at != null)
        .itemIf("topN", topN, topN != null);
  }

  /** A pushed filter is assumed to keep a tenth of the rows (segments it prunes are never read). */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return super.estimateRowCount(mq) * (filter == null ? 1.0 : 0.1);
  }

  /** Cheaper with fewer columns (fewer byte ranges fetched) and with a pushed filter. */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double total = Math.max(1, table.getRowType().getFieldCount());
    double width = (fields.length + 1) / (total + 1);
    double rows = estimateRowCount(mq);
    // Volcano compares costs by their row measure alone, so the width goes into it
    return planner.getCostFactory().makeCost(rows * width, rows * width, 0).multiplyBy(0.5);
  }
}
