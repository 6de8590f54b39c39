package dev.floe.planner.plan;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.tools.Program;

/**
 * Makes every literal of a REAL, FLOAT or DOUBLE column of a VALUES a literal of the column's type
 * holding a {@code Double}. Calcite keeps each VALUES literal as written: in {@code VALUES (1),
 * (1e10)} the column is DOUBLE but {@code 1} is an INTEGER literal holding a {@code BigDecimal} and
 * {@code 1e10} a DOUBLE holding a {@code Double}. Its row predicates for a VALUES (pulled up while
 * generating code for an expression above it, such as the NULLs an INSERT with a column list adds)
 * put both into one sorted range set and fail with a ClassCastException, so
 * {@code INSERT INTO t (k, d) VALUES (1, 1), (2, NULL), (3, 1e10)} was an internal error (XX000).
 * The value is the one the DOUBLE column holds anyway.
 */
final class ApproxValues extends RelShuttleImpl {
  /**
   * The planner step. Each run takes a new shuttle: a {@link RelShuttleImpl} keeps a stack of the
   * nodes it is visiting, so one instance shared by concurrently planning connections corrupts it.
   */
  static final Program PROGRAM = new Program() {
    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
        List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
      return rel.accept(new ApproxValues());
    }
  };

  private ApproxValues() {}

  @Override
  public RelNode visit(LogicalValues values) {
    List<RelDataType> types = values.getRowType().getFieldList().stream().map(RelDataTypeField::getType).toList();
    if (types.stream().noneMatch(ApproxValues::approximate)) {
      return values;
    }
    RexBuilder rex = values.getCluster().getRexBuilder();
    boolean changed = false;
    ImmutableList.Builder<ImmutableList<RexLiteral>> tuples = ImmutableList.builder();
    for (List<RexLiteral> tuple : values.getTuples()) {
      ImmutableList.Builder<RexLiteral> row = ImmutableList.builder();
      for (int i = 0; i < tuple.size(); i++) {
        RexLiteral l = tuple.get(i);
        if (approximate(types.get(i)) && !l.isNull() && l.getValueAs(Comparable.class) instanceof BigDecimal bd) {
          l = rex.makeApproxLiteral(bd.doubleValue(), types.get(i));
          changed = true;
        }
        row.add(l);
      }
      tuples.add(row.build());
    }
    return changed ? LogicalValues.create(values.getCluster(), values.getRowType(), tuples.build()) : values;
  }

  private static boolean approximate(RelDataType type) {
    return SqlTypeFamily.APPROXIMATE_NUMERIC.getTypeNames().contains(type.getSqlTypeName());
  }
}
