package dev.floe.planner.rel;

import dev.floe.planner.FloeTable;
import dev.floe.planner.pushdown.FilterSpecCodec;
import dev.floe.storage.Column;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import dev.floe.planner.exec.AggCall;
import dev.floe.planner.exec.ReadPoint;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Runs a {@link FloeTableScan} for the enumerable plan above it: the generated code calls {@link
 * FloeTable#scan} with the column ids, the encoded filter and the read point, and gets rows as
 * {@code Object[]} (bare values when the scan produces one column).
 */
public final class FloeToEnumerableConverter extends ConverterImpl implements EnumerableRel {

  public FloeToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new FloeToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.1);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    RelNode top = stripped(getInput());
    FloeAggregate aggregate = top instanceof FloeAggregate a ? a : null;
    FloeTableScan scan = (FloeTableScan) (aggregate == null ? top : stripped(aggregate.getInput()));
    // The optimized format: SCALAR for one column. Enumerable operators above (EnumerableSort)
    // derive their own physical type with optimization on, so rows of one column must be bare
    // values, or the root would hand Object[1] arrays to JDBC as column values.
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    int[] ids = scan.columns().stream().mapToInt(Column::id).toArray();
    BlockBuilder block = new BlockBuilder();
    ReadAt at = scan.at();
    Expression atValue = at == null ? Expressions.constant(null, Long.class) : readPoint(implementor, block, at.value());
    List<Expression> args = new java.util.ArrayList<>(List.of(implementor.getRootExpression(),
        Expressions.constant(ids),
        Expressions.constant(FilterSpecCodec.encode(scan.filter()), String.class),
        Expressions.constant((at == null ? ReadPoint.Kind.LATEST : at.kind()).ordinal()),
        atValue));
    if (aggregate != null) {
      args.add(Expressions.constant(aggregate.getGroupSet().toArray()));
      args.add(Expressions.constant(AggCall.encode(calls(aggregate)), String.class));
    } else if (scan.topN() != null) {
      args.add(Expressions.constant(scan.topN().field()));
      args.add(Expressions.constant(scan.topN().descending()));
      args.add(Expressions.constant(scan.topN().keep()));
    }
    Expression rows = Expressions.call(scan.getTable().getExpression(FloeTable.class),
        aggregate == null ? "scan" : "aggregate", args);
    if (physType.getFormat() == JavaRowFormat.SCALAR) {
      rows = Expressions.call(FloeTable.class, "firstColumn", rows);
    }
    block.add(Expressions.return_(null, rows));
    return implementor.result(physType, block.toBlock());
  }

  /**
   * Code that evaluates the read point's expression (no input references: literals, {@code ?}
   * parameters, {@code CURRENT_TIMESTAMP}) when the plan runs, as a {@code Long}.
   */
  private Expression readPoint(EnumerableRelImplementor implementor, BlockBuilder block, RexNode value) {
    RexBuilder rexBuilder = getCluster().getRexBuilder();
    RelDataType empty = implementor.getTypeFactory().builder().build();
    RexProgramBuilder program = new RexProgramBuilder(empty, rexBuilder);
    program.addProject(value, "at");
    List<Expression> exprs = RexToLixTranslator.translateProjects(program.getProgram(),
        implementor.getTypeFactory(), implementor.getConformance(), block, null, null,
        implementor.getRootExpression(), (list, index, storageType) -> {
          throw new IllegalStateException("a read point cannot reference a column");
        }, null);
    Expression e = exprs.get(0);
    if (Primitive.is(e.getType())) {
      e = Expressions.convert_(e, long.class);
      return Expressions.convert_(Expressions.box(e), Long.class);
    }
    return EnumUtils.convert(e, Long.class);
  }

  /** The aggregate's calls as the batch aggregator takes them. */
  private static List<AggCall> calls(FloeAggregate aggregate) {
    List<AggCall> out = new java.util.ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      AggCall.Kind kind = switch (c.getAggregation().getKind()) {
        case COUNT -> AggCall.Kind.COUNT;
        case SUM -> AggCall.Kind.SUM;
        case SUM0 -> AggCall.Kind.SUM0;
        case MIN -> AggCall.Kind.MIN;
        case MAX -> AggCall.Kind.MAX;
        default -> throw new IllegalStateException("not a Floe aggregate: " + c);
      };
      int arg = c.getArgList().isEmpty() ? -1 : c.getArgList().get(0);
      out.add(new AggCall(kind, arg, c.getType().getSqlTypeName().name()));
    }
    return out;
  }

  private static RelNode stripped(RelNode node) {
    RelNode n = node;
    if (n instanceof org.apache.calcite.plan.volcano.RelSubset) {
      org.apache.calcite.plan.volcano.RelSubset s = (org.apache.calcite.plan.volcano.RelSubset) n;
      n = s.getBest() != null ? s.getBest() : s.getOriginal();
    }
    return n;
  }
}
