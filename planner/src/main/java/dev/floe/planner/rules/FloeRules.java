package dev.floe.planner.rules;

import org.apache.calcite.plan.RelOptRule;

/** Floe's planner rules, registered by every {@link dev.floe.planner.rel.FloeTableScan}. */
public final class FloeRules {
  private FloeRules() {}

  /** Pushes the pushable conjuncts of a filter into the scan below it. */
  public static final FloeFilterRule FILTER = new FloeFilterRule();

  /** Prunes the scan below a project to the columns the project uses. */
  public static final FloeProjectRule PROJECT = new FloeProjectRule();

  /** Prunes the scan below an aggregate to its group keys and arguments. */
  public static final FloeAggregateRule AGGREGATE = new FloeAggregateRule();

  /** Pushes a filter below an aggregate into the scan and prunes the scan to what both use. */
  public static final FloeAggregateFilterRule AGGREGATE_FILTER = new FloeAggregateFilterRule();

  /** Computes an aggregate directly on a scan over the scan's Arrow batches. */
  public static final FloeAggregatePushRule AGGREGATE_PUSH = new FloeAggregatePushRule();

  /** Pushes a filter below a project into the scan and prunes the scan to what both use. */
  public static final FloeProjectFilterRule PROJECT_FILTER = new FloeProjectFilterRule();

  /** Folds {@code FOR SYSTEM_TIME AS OF} into the scan below it. */
  public static final FloeSnapshotRule SNAPSHOT = new FloeSnapshotRule(false);

  /** Folds {@code FOR SYSTEM_TIME AS OF} into the scan below the project that field trimming left. */
  public static final FloeSnapshotRule SNAPSHOT_PROJECT = new FloeSnapshotRule(true);

  /** Runs a Floe scan inside an enumerable plan. */
  public static final FloeToEnumerableConverterRule TO_ENUMERABLE = FloeToEnumerableConverterRule.DEFAULT;

  /** Implements INSERT into a Floe table as one append commit. */
  public static final FloeTableModifyRule MODIFY = FloeTableModifyRule.DEFAULT;

  /** DELETE and UPDATE with a pushable WHERE and constant values, as one copy-on-write commit. */
  public static final RelOptRule[] REWRITES = {
      new FloeRewriteRule(FloeRewriteRule.Shape.PROJECT_FILTER), new FloeRewriteRule(FloeRewriteRule.Shape.PROJECT),
      new FloeRewriteRule(FloeRewriteRule.Shape.FILTER), new FloeRewriteRule(FloeRewriteRule.Shape.SCAN)};

  /** Any other DELETE and UPDATE: Calcite finds the rows and computes the values; one commit. */
  public static final FloeRowRewriteRule ROW_REWRITE = new FloeRowRewriteRule();

  /** The rules a plan needs to run at all, when pushdown is switched off. */
  public static final RelOptRule[] WITHOUT_PUSHDOWN = {SNAPSHOT, SNAPSHOT_PROJECT, TO_ENUMERABLE, MODIFY, ROW_REWRITE,
      REWRITES[0], REWRITES[1], REWRITES[2], REWRITES[3]};

  /**
   * Calcite's rule that aggregates the input of a join before joining when it can (SUM, COUNT,
   * MIN, MAX split into a partial and a final aggregate): a fact table grouped by the join key in
   * the scan ({@link #AGGREGATE_PUSH}) joins its dimension with one row per key instead of one per
   * fact row.
   */
  public static final RelOptRule AGGREGATE_JOIN = org.apache.calcite.rel.rules.CoreRules.AGGREGATE_JOIN_TRANSPOSE_EXTENDED;

  /** Every rule. */
  public static final RelOptRule[] RULES = {SNAPSHOT, SNAPSHOT_PROJECT, FILTER, PROJECT, PROJECT_FILTER, AGGREGATE, AGGREGATE_FILTER,
      AGGREGATE_PUSH, AGGREGATE_JOIN,
      TO_ENUMERABLE, MODIFY, ROW_REWRITE,
      REWRITES[0], REWRITES[1], REWRITES[2], REWRITES[3]};
}
