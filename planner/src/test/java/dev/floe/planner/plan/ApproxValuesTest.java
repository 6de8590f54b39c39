package dev.floe.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/** The VALUES step of Floe's planner program: what it rewrites, and that it is safe to share. */
class ApproxValuesTest {
  private static final FrameworkConfig CONFIG = Frameworks.newConfigBuilder()
      .defaultSchema(Frameworks.createRootSchema(true))
      // keep the plan as built: no folding of projections into the VALUES
      .context(org.apache.calcite.plan.Contexts.of(
          RelBuilder.Config.DEFAULT.withSimplifyValues(false).withSimplify(false).withBloat(-1)))
      .build();

  /** VALUES (1), (10) as DOUBLE under {@code depth} projections. */
  private static RelNode tall(int depth) {
    RelBuilder b = RelBuilder.create(CONFIG);
    RelDataType dbl = b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE);
    RelDataType row = b.getTypeFactory().builder().add("d", dbl).build();
    // as Calcite's SQL-to-rel leaves VALUES (1), (10) of a DOUBLE column: exact literals
    RelNode rel = LogicalValues.create(b.getCluster(), row, com.google.common.collect.ImmutableList.of(
        com.google.common.collect.ImmutableList.of(b.getRexBuilder().makeExactLiteral(BigDecimal.ONE)),
        com.google.common.collect.ImmutableList.of(b.getRexBuilder().makeExactLiteral(BigDecimal.TEN))));
    for (int i = 0; i < depth; i++) {
      org.apache.calcite.rex.RexNode plus = b.getRexBuilder().makeCall(
          org.apache.calcite.sql.fun.SqlStdOperatorTable.PLUS, b.getRexBuilder().makeInputRef(rel, 0),
          b.getRexBuilder().makeApproxLiteral((double) i, dbl));
      rel = org.apache.calcite.rel.logical.LogicalProject.create(rel, List.of(), List.of(plus), List.of("d"),
          java.util.Set.of());
    }
    return rel;
  }

  private static LogicalValues valuesOf(RelNode rel) {
    while (!(rel instanceof LogicalValues)) {
      rel = rel.getInput(0);
    }
    return (LogicalValues) rel;
  }

  @Test
  void everyLiteralOfAnApproximateColumnHoldsADouble() {
    RelNode out = ApproxValues.PROGRAM.run(null, tall(3), null, List.of(), List.of());
    for (List<RexLiteral> tuple : valuesOf(out).getTuples()) {
      assertInstanceOf(Double.class, tuple.get(0).getValueAs(Comparable.class), tuple.toString());
    }
  }

  /**
   * Many threads run the one shared step at once (as concurrently planning connections do): each
   * run must walk its own plan. A shuttle instance shared between runs keeps one stack of the
   * nodes being visited, and concurrent runs corrupt it (NoSuchElementException).
   */
  @Test
  void concurrentRunsDoNotShareState() throws Exception {
    RelNode plan = tall(200);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> {
          int n = 0;
          for (int i = 0; i < 300; i++) {
            RelNode out = ApproxValues.PROGRAM.run(null, plan, null, List.of(), List.of());
            n += valuesOf(out).getTuples().size();
          }
          return n;
        }));
      }
      for (Future<Integer> f : runs) {
        assertEquals(600, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
