package dev.floe.planner.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * One aggregate function that a Floe scan computes itself ({@link BatchAggregator}): its kind, the
 * scan output position of its argument ({@code -1} for {@code COUNT(*)}), and the SQL type name of
 * its result, which decides the Java class of the value handed back (Calcite's internal
 * representation). Encoded as text so generated code can carry it as a constant.
 */
public record AggCall(Kind kind, int arg, String resultType) {

  /** The functions computed over Arrow batches. */
  public enum Kind {
    /** {@code COUNT(*)} (arg -1) or {@code COUNT(x)}: rows, or rows where x is not NULL. */
    COUNT,
    /** {@code SUM(x)}: NULL when no x is not NULL. */
    SUM,
    /** Calcite's {@code $SUM0(x)}: 0 when no x is not NULL. */
    SUM0,
    MIN,
    MAX
  }

  public AggCall {
    if (kind != Kind.COUNT && arg < 0) {
      throw new IllegalArgumentException(kind + " needs an argument");
    }
  }

  /** {@code calls} as text: {@code KIND:arg:TYPE} separated by {@code ;}. */
  public static String encode(List<AggCall> calls) {
    StringBuilder b = new StringBuilder();
    for (AggCall c : calls) {
      if (b.length() > 0) {
        b.append(';');
      }
      b.append(c.kind).append(':').append(c.arg).append(':').append(c.resultType);
    }
    return b.toString();
  }

  /** The calls {@link #encode} wrote. */
  public static List<AggCall> decode(String text) {
    List<AggCall> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String part : text.split(";")) {
      String[] f = part.split(":");
      out.add(new AggCall(Kind.valueOf(f[0]), Integer.parseInt(f[1]), f[2]));
    }
    return out;
  }
}
