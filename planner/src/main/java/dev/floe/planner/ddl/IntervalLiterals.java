package dev.floe.planner.ddl;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's interval literals, {@code INTERVAL '1 day'}, {@code INTERVAL '2 hours 30 minutes'},
 * {@code INTERVAL '-3 months'} and {@code '1 week'::INTERVAL}, which Calcite's grammar lacks (it
 * takes the standard's {@code INTERVAL '1' DAY}), written in the standard's form before the
 * statement is parsed: one unit as {@code INTERVAL 'n' UNIT}, several day-to-second units as one
 * exact {@code INTERVAL 'd hh:mm:ss.ffffff' DAY TO SECOND}, years and months as a number of months.
 * A literal that mixes months with days or smaller units (which PostgreSQL keeps apart and the
 * standard cannot add) or that is not a list of numbers and units is left as written, for the parser
 * to reject with its position. Text in string literals, quoted identifiers and comments is left
 * alone, and so is a literal the standard's unit already follows.
 */
final class IntervalLiterals {
  private IntervalLiterals() {}

  /** PostgreSQL's unit names (singular, plural and abbreviations) and their length in microseconds, or months when negative. */
  private static final Map<String, Long> UNITS = Map.ofEntries(
      Map.entry("microsecond", 1L), Map.entry("us", 1L),
      Map.entry("millisecond", 1_000L), Map.entry("ms", 1_000L),
      Map.entry("second", 1_000_000L), Map.entry("sec", 1_000_000L), Map.entry("s", 1_000_000L),
      Map.entry("minute", 60_000_000L), Map.entry("min", 60_000_000L), Map.entry("m", 60_000_000L),
      Map.entry("hour", 3_600_000_000L), Map.entry("hr", 3_600_000_000L), Map.entry("h", 3_600_000_000L),
      Map.entry("day", 86_400_000_000L), Map.entry("d", 86_400_000_000L),
      Map.entry("week", 7 * 86_400_000_000L), Map.entry("w", 7 * 86_400_000_000L),
      Map.entry("month", -1L), Map.entry("mon", -1L),
      Map.entry("year", -12L), Map.entry("yr", -12L), Map.entry("y", -12L));

  /** Words after a literal that mean it is already in the standard's form. */
  private static final Pattern STANDARD_UNIT = Pattern.compile(
      "(?i)\\s*(YEAR|YEARS|MONTH|MONTHS|DAY|DAYS|HOUR|HOURS|MINUTE|MINUTES|SECOND|SECONDS|WEEK|QUARTER|MILLISECOND|"
          + "MICROSECOND|NANOSECOND|DECADE|CENTURY|MILLENNIUM)\\b.*", Pattern.DOTALL);
  private static final Pattern COMPONENT = Pattern.compile("\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]+)\\s*");
  private static final Pattern CAST = Pattern.compile("(?i)CAST\\(\\s*('(?:[^']|'')*')\\s+AS\\s+INTERVAL\\s*\\)");

  /** {@code sql} with every PostgreSQL interval literal written in the standard's form. */
  static String rewrite(String sql) {
    return scan(sql, null);
  }

  /**
   * Why {@code sql} (as rewritten) still holds an interval literal with no unit after it that this
   * class cannot read, or null if it holds none: the parser would only say which token it expected.
   */
  static String problem(String sql) {
    String[] found = new String[1];
    scan(sql, found);
    return found[0] == null ? null : "interval literal '" + found[0] + "' is not one Floe reads: write numbers"
        + " and units (INTERVAL '3 days', INTERVAL '2 hours 30 minutes', INTERVAL '1 year 2 months') or the"
        + " standard's form (INTERVAL '3' DAY); a literal cannot mix months or years with days or smaller units"
        + " (write INTERVAL '1' MONTH + INTERVAL '1' DAY)";
  }

  /** The rewrite; the first literal it cannot read goes to {@code unreadable}, when given. */
  private static String scan(String sql, String[] unreadable) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("interval")) {
      return sql;
    }
    String s = CAST.matcher(sql).replaceAll(m -> Matcher.quoteReplacement("INTERVAL " + m.group(1)));
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        int end = InfixCasts.closing(s, i, c);
        out.append(s, i, end + 1);
        i = end + 1;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        int eol = s.indexOf('\n', i);
        int end = eol < 0 ? n : eol;
        out.append(s, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int close = s.indexOf("*/", i + 2);
        int end = close < 0 ? n : close + 2;
        out.append(s, i, end);
        i = end;
      } else if (isKeyword(s, i)) {
        int quote = i + "interval".length();
        while (quote < n && Character.isWhitespace(s.charAt(quote))) {
          quote++;
        }
        if (quote < n && s.charAt(quote) == '\'') {
          int end = InfixCasts.closing(s, quote, '\'');
          String text = s.substring(quote + 1, end).replace("''", "'");
          boolean followed = STANDARD_UNIT.matcher(s.substring(end + 1)).matches();
          String standard = followed ? null : standard(text);
          if (standard == null && !followed && unreadable != null && unreadable[0] == null) {
            unreadable[0] = text;
          }
          out.append(standard != null ? standard : s.substring(i, end + 1));
          i = end + 1;
        } else {
          out.append(s, i, quote);
          i = quote;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isKeyword(String s, int i) {
    return s.regionMatches(true, i, "interval", 0, 8) && (i == 0 || !isWordChar(s.charAt(i - 1)))
        && (i + 8 == s.length() || !isWordChar(s.charAt(i + 8)));
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** The standard literal for PostgreSQL's interval text {@code text}, or null if it is none this class reads. */
  static String standard(String text) {
    Matcher m = COMPONENT.matcher(text);
    int at = 0;
    long months = 0;
    BigDecimal micros = BigDecimal.ZERO;
    int components = 0;
    String onlyUnit = null;
    String onlyValue = null;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        return null;
      }
      String unit = m.group(2).toLowerCase(Locale.ROOT);
      Long length = UNITS.get(unit);
      if (length == null && unit.endsWith("s")) {
        unit = unit.substring(0, unit.length() - 1);
        length = UNITS.get(unit);
      }
      if (length == null) {
        return null;
      }
      BigDecimal value = new BigDecimal(m.group(1));
      if (length < 0) {
        if (value.scale() > 0 && value.stripTrailingZeros().scale() > 0) {
          return null; // fractional months: PostgreSQL spreads them over days
        }
        months = Math.addExact(months, Math.multiplyExact(value.longValueExact(), -length));
      } else {
        micros = micros.add(value.multiply(BigDecimal.valueOf(length)));
      }
      components++;
      onlyUnit = standardUnit(unit);
      onlyValue = m.group(1);
      at = m.end();
    }
    if (components == 0 || months != 0 && micros.signum() != 0) {
      return null;
    }
    if (components == 1 && onlyUnit != null && (onlyUnit.equals("SECOND") || new BigDecimal(onlyValue).scale() <= 0)) {
      return "INTERVAL '" + onlyValue + "' " + onlyUnit;
    }
    if (micros.signum() == 0) {
      return "INTERVAL '" + months + "' MONTH";
    }
    if (micros.stripTrailingZeros().scale() > 0) {
      return null; // below a microsecond
    }
    long total = micros.longValueExact();
    String sign = total < 0 ? "-" : "";
    long t = Math.abs(total);
    long days = t / 86_400_000_000L;
    t %= 86_400_000_000L;
    long hours = t / 3_600_000_000L;
    t %= 3_600_000_000L;
    long minutes = t / 60_000_000L;
    t %= 60_000_000L;
    String seconds = BigDecimal.valueOf(t, 6).stripTrailingZeros().toPlainString();
    if (t < 10_000_000L) {
      seconds = "0" + seconds;
    }
    return String.format(Locale.ROOT, "INTERVAL '%s%d %02d:%02d:%s' DAY TO SECOND", sign, days, hours, minutes, seconds);
  }

  /** The standard's unit for a single PostgreSQL unit, or null if it has none (weeks, milliseconds). */
  private static String standardUnit(String unit) {
    return switch (unit) {
      case "second", "sec", "s" -> "SECOND";
      case "minute", "min", "m" -> "MINUTE";
      case "hour", "hr", "h" -> "HOUR";
      case "day", "d" -> "DAY";
      case "month", "mon" -> "MONTH";
      case "year", "yr", "y" -> "YEAR";
      default -> null;
    };
  }
}
