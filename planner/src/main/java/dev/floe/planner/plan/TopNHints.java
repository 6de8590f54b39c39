package dev.floe.planner.plan;

import dev.floe.planner.rel.FloeTableScan;
import dev.floe.planner.rel.FloeToEnumerableConverter;
import dev.floe.planner.rel.TopN;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;

/**
 * A step of {@link FloeProgram} after optimization: the Floe scan right below an {@code
 * EnumerableLimitSort} ({@code ORDER BY ... LIMIT} with a literal limit) is hinted with {@link TopN},
 * so that it hands up only the rows of each batch that can still be among the first {@code offset +
 * fetch} by the first sort key, instead of every row for the sort to weigh (a 0.1 % slice of 10M
 * rows {@code ORDER BY ts LIMIT 100} built 10,000 rows for 100). The sort stays and decides; the
 * hint only drops rows it would drop. Applies with pushdown on, when the first key is an integer,
 * DATE, TIME or TIMESTAMP column (compared exactly as Calcite compares them) and offset plus fetch
 * is at most {@value #MAX_KEEP}. Done on the chosen plan rather than as a planner rule, since the
 * hinted scan returns fewer rows and is equivalent to nothing in the search space.
 */
final class TopNHints implements Program {
  static final TopNHints PROGRAM = new TopNHints();

  /** Larger limits gain little: most rows of a batch would pass anyway. */
  static final int MAX_KEEP = 10_000;

  private TopNHints() {}

  @Override
  public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return BottomUp.rewrite(rel, TopNHints::hint);
  }

  private static RelNode hint(RelNode rel) {
    if (!(rel instanceof EnumerableLimitSort sort) || sort.getCollation().getFieldCollations().isEmpty()
        || !(sort.getInput() instanceof FloeToEnumerableConverter converter)
        || !(converter.getInput() instanceof FloeTableScan scan)
        || scan.topN() != null || !scan.floeTable().pushdown()) {
      return rel;
    }
    long fetch = literal(sort.fetch);
    long offset = sort.offset == null ? 0 : literal(sort.offset);
    if (fetch < 0 || offset < 0 || fetch + offset > MAX_KEEP) {
      return rel;
    }
    RelFieldCollation first = sort.getCollation().getFieldCollations().get(0);
    SqlTypeName type = scan.getRowType().getFieldList().get(first.getFieldIndex()).getType().getSqlTypeName();
    switch (type) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> { }
      default -> {
        return rel;
      }
    }
    TopN topN = new TopN(first.getFieldIndex(), first.getDirection().isDescending(), (int) (fetch + offset));
    RelNode hinted = converter.copy(converter.getTraitSet(), List.of(scan.withTopN(topN)));
    return sort.copy(sort.getTraitSet(), List.of(hinted));
  }

  /** The value of a literal LIMIT or OFFSET; -1 for a parameter. */
  private static long literal(RexNode n) {
    if (n instanceof RexLiteral lit) {
      Long v = lit.getValueAs(Long.class);
      return v == null ? -1 : v;
    }
    return -1;
  }
}
