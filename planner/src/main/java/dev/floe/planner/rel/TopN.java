package dev.floe.planner.rel;

/**
 * A hint on a {@link FloeTableScan} below {@code ORDER BY ... LIMIT} (set by {@code TopNHints}): only rows that can still be
 * among the first {@code keep} by output column {@code field} need to leave the scan. The sort
 * above stays and decides; the hint only drops rows it would drop anyway (see {@code TopNFilter}).
 *
 * @param field the scan output position of the first sort key (an integer, DATE, TIME or TIMESTAMP column)
 * @param descending whether the sort is descending on it
 * @param keep offset plus fetch of the sort
 */
public record TopN(int field, boolean descending, int keep) {
  @Override
  public String toString() {
    return "$" + field + (descending ? " DESC" : "") + " keep " + keep;
  }
}
