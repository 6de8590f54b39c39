package dev.floe.planner.plan;

import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The program every Floe statement is optimized with: Calcite's standard program (sub-queries,
 * decorrelation, field trimming, the Volcano planner, then the calc pass) with eight additions.
 *
 * <ul>
 *   <li><b>Ordered-set aggregates</b> ({@link OrderedSetAggregates}): {@code PERCENTILE_CONT} and
 *       {@code PERCENTILE_DISC ... WITHIN GROUP}, which Calcite cannot run, become Floe's own.</li>
 *   <li><b>Heuristic join order for many tables.</b> With {@value #MIN_JOINS} or more joins, the
 *       joins are first gathered into one {@code MultiJoin} (filters pushed into them, by a HEP
 *       pass), and Volcano orders it greedily by estimated row counts, connected pairs first, with
 *       {@code MultiJoinOptimizeBushyRule} when every join is inner and {@code LoptOptimizeJoinRule}
 *       (left-deep, handles outer joins) otherwise, instead of exploring every order with join
 *       commute/associate/push-through-join, whose search grows exponentially with the number of
 *       tables (sqllogictest select5, joins of up to 64 tables, did not finish in 55 minutes).</li>
 *   <li><b>Join conditions factored out of ORs</b> ({@link OrFactors}): {@code (a AND b) OR (a AND c)}
 *       becomes {@code a AND (b OR c)} before join planning, so a join condition repeated in every
 *       branch makes an equi-join instead of a filtered cross product.</li>
 *   <li><b>One value class per floating-point VALUES column</b> ({@link ApproxValues}), which
 *       Calcite's metadata needs.</li>
 *   <li><b>Nested-loop joins read their inner input once</b> ({@link ReplayInners}).</li>
 *   <li><b>Scans below {@code ORDER BY ... LIMIT} drop rows that cannot make the cut</b> ({@link TopNHints}).</li>
 *   <li><b>Checked sums</b> ({@link CheckedSums}).</li>
 *   <li><b>PostgreSQL's numeric semantics</b> ({@link PgNumericsProgram}): DECIMAL division at the
 *       result's scale, casts to integer types that round and check the range; once after field
 *       trimming and again last, for the divisions that AVG becomes.</li>
 * </ul>
 *
 * Joins of fewer tables are ordered by Volcano as before. None of the steps changes an answer.
 */
public final class FloeProgram {
  /** Joins at which the heuristic order replaces the exhaustive search (3 joins = 4 tables). */
  static final int MIN_JOINS = 3;

  /** Calcite's rules that reorder joins one pair at a time. */
  private static final List<RelOptRule> EXHAUSTIVE_JOIN_RULES = List.of(CoreRules.JOIN_COMMUTE,
      CoreRules.JOIN_ASSOCIATE, JoinPushThroughJoinRule.LEFT, JoinPushThroughJoinRule.RIGHT);

  private FloeProgram() {}

  /** The program, stateless and shared. */
  public static final Program PROGRAM = Programs.sequence(
      Programs.subQuery(DefaultRelMetadataProvider.INSTANCE),
      Programs.decorrelate(),
      OrderedSetAggregates.PROGRAM,
      Programs.measure(DefaultRelMetadataProvider.INSTANCE),
      Programs.trim(),
      PgNumericsProgram.PROGRAM,
      ApproxValues.PROGRAM,
      OrFactors.PROGRAM,
      FloeProgram::orderJoins,
      FloeProgram::volcano,
      Programs.calc(DefaultRelMetadataProvider.INSTANCE),
      ReplayInners.PROGRAM,
      TopNHints.PROGRAM,
      CheckedSums.PROGRAM,
      PgNumericsProgram.PROGRAM);

  /** With {@link #MIN_JOINS} joins or more: MultiJoins, and Volcano set up to order them heuristically. */
  private static RelNode orderJoins(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    if (RelOptUtil.countJoins(rel) < MIN_JOINS) {
      return rel;
    }
    HepProgram gather = new HepProgramBuilder()
        .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
        .build();
    RelNode gathered = Programs.of(gather, false, DefaultRelMetadataProvider.INSTANCE)
        .run(planner, rel, requiredOutputTraits, materializations, lattices);
    for (RelOptRule r : EXHAUSTIVE_JOIN_RULES) {
      planner.removeRule(r);
    }
    planner.addRule(innerOnly(rel) ? CoreRules.MULTI_JOIN_OPTIMIZE_BUSHY : CoreRules.MULTI_JOIN_OPTIMIZE);
    return gathered;
  }

  /** Whether every join in {@code rel} is an inner join (the bushy ordering refuses outer joins). */
  private static boolean innerOnly(RelNode rel) {
    if (rel instanceof Join j && j.getJoinType() != JoinRelType.INNER) {
      return false;
    }
    for (RelNode input : rel.getInputs()) {
      if (!innerOnly(input)) {
        return false;
      }
    }
    return true;
  }

  /** Calcite's standard Volcano step (as in {@code Programs.standard}). */
  private static RelNode volcano(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    for (RelOptMaterialization m : materializations) {
      planner.addMaterialization(m);
    }
    for (RelOptLattice l : lattices) {
      planner.addLattice(l);
    }
    planner.setRoot(rel);
    RelNode root = rel.getTraitSet().equals(requiredOutputTraits) ? rel : planner.changeTraits(rel, requiredOutputTraits);
    planner.setRoot(root);
    return planner.chooseDelegate().findBestExp();
  }
}
