package dev.floe.shell;

/**
 * How the shell writes a TIMESTAMP: {@code 2024-01-02 03:04:05}, with fractional digits only when
 * there are any ({@code 2024-01-02 03:04:05.25}), as PostgreSQL and DuckDB print them (JDBC's
 * {@code Timestamp.toString} ends in {@code .0}, the driver's string form in {@code .000}).
 */
final class TimestampText {
  private TimestampText() {}

  /** {@code jdbcText} (a timestamp's JDBC string form, or null) without trailing zero fractional digits. */
  static String of(String jdbcText) {
    if (jdbcText == null) {
      return null;
    }
    int dot = jdbcText.lastIndexOf('.');
    if (dot < 0 || dot < jdbcText.lastIndexOf(':')) {
      return jdbcText;
    }
    int end = jdbcText.length();
    while (end > dot + 1 && jdbcText.charAt(end - 1) == '0') {
      end--;
    }
    return jdbcText.substring(0, end == dot + 1 ? dot : end);
  }
}
