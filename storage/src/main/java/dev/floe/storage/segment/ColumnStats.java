package dev.floe.storage.segment;

/**
 * Statistics of one column chunk, in the column's physical domain: Boolean; Long for every integer
 * type and DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ; Double for REAL and DOUBLE (REAL widened);
 * BigDecimal for DECIMAL; String for VARCHAR; byte[] for VARBINARY.
 *
 * <p>Order: numbers by value; REAL and DOUBLE by the total order in which -0.0 equals 0.0 and NaN
 * is greater than +Infinity and equal to itself; VARCHAR by UTF-8 bytes (= code point order) and
 * VARBINARY by unsigned bytes. {@code min} is a lower bound and {@code max} an upper bound of every
 * non-null value; they are the exact extremes unless {@code minExact}/{@code maxExact} is false
 * (long strings are truncated: a truncated max is rounded up, so it stays an upper bound). A null
 * bound means unknown (or, when every value is NULL, that there is no value).
 *
 * @param nullCount rows that are NULL
 * @param distinctCount number of distinct non-null values when known (dictionary chunks), else -1
 * @param min lower bound, or null
 * @param max upper bound, or null
 * @param minExact whether {@code min} is the smallest value itself
 * @param maxExact whether {@code max} is the largest value itself
 */
public record ColumnStats(
    long nullCount, long distinctCount, Object min, Object max, boolean minExact, boolean maxExact) {

  /** Stats of a chunk whose {@code rows} rows are all NULL. */
  public static ColumnStats allNull(long rows) {
    return new ColumnStats(rows, 0, null, null, false, false);
  }
}
