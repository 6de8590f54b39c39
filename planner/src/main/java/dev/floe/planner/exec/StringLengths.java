package dev.floe.planner.exec;

import dev.floe.storage.Column;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;

/**
 * Enforces VARCHAR(n) on a write, as PostgreSQL does: a value of more than n characters fails
 * with 22001 ("value too long for type character varying(n)"), unless the characters past n are
 * all spaces, which are cut off. Every write path (INSERT, INSERT ... SELECT, UPDATE, the batch
 * fast path) passes its values through {@link #fit}.
 */
public final class StringLengths {
  private StringLengths() {}

  /**
   * {@code value} as column {@code c} of {@code table} stores it: unchanged, or cut to n characters
   * when only spaces are past n.
   *
   * @throws FloeException STRING_DATA_RIGHT_TRUNCATION for a longer value
   */
  public static Object fit(Column c, String table, Object value) {
    if (c.maxLength() == 0 || !(value instanceof String s) || !c.tooLong(s)) {
      return value;
    }
    int end = s.offsetByCodePoints(0, c.maxLength());
    if (s.substring(end).isBlank() && s.substring(end).chars().allMatch(ch -> ch == ' ')) {
      return s.substring(0, end);
    }
    throw new FloeException(ErrorCode.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character varying("
        + c.maxLength() + ") in column '" + c.name() + "' of table '" + table + "': "
        + s.codePointCount(0, s.length()) + " characters; shorten the value, or widen the column");
  }

  /** Whether any column of {@code columns} has a declared length. */
  static boolean any(Iterable<Column> columns) {
    for (Column c : columns) {
      if (c.maxLength() > 0) {
        return true;
      }
    }
    return false;
  }
}
