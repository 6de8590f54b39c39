package dev.floe.bench;

import dev.floe.bench.TpchBench.Load;
import dev.floe.bench.TpchBench.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown report of a {@link TpchBench} run: loads, per-query times and ratios, correctness. */
final class TpchReport {
  private TpchReport() {}

  static String markdown(double sf, int warmups, int runs, int timeoutSeconds, List<TpchQuery> queries,
      List<Load> loads, Map<String, Map<String, Outcome>> outcomes, List<String> wrong) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "TPC-H SF %s: %d warm-up run(s), median of %d runs, timeout %d s per query;"
        + " engines: %s%n%n", sf, warmups, runs, timeoutSeconds, String.join(", ", outcomes.keySet())));
    sb.append("Load: seconds in each engine's insert path only (the rows are generated beforehand, ")
        .append(TpchLoader.BATCH).append(" at a time).\n\n");
    sb.append("| load | rows | rows/s | seconds |\n|---|---:|---:|---:|\n");
    for (Load l : loads) {
      sb.append(String.format(Locale.ROOT, "| %s%s | %,d | %,.0f | %.2f |%n", l.engine(),
          l.engine().equals(TpchBench.REFERENCE) ? " (Appender)" : " (JDBC batches)", l.rows(), l.rowsPerSecond(), l.seconds()));
    }
    sb.append('\n');
    Map<String, Outcome> floe = outcomes.getOrDefault("floe", Map.of());
    Map<String, Outcome> duck = outcomes.getOrDefault(TpchBench.REFERENCE, Map.of());
    Map<String, Outcome> h2 = outcomes.getOrDefault("h2", Map.of());
    sb.append("| query | Floe ms | Floe first run ms | DuckDB ms | H2 ms | Floe / DuckDB | Floe / H2 | Floe correct |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    double logSum = 0;
    int n = 0;
    double worst = 0;
    String worstName = "-";
    for (TpchQuery q : queries) {
      Outcome f = floe.get(q.name());
      Outcome d = duck.get(q.name());
      Outcome h = h2.get(q.name());
      boolean correct = f != null && wrong.stream().noneMatch(w -> w.startsWith("floe " + q.name() + ":"));
      sb.append("| ").append(q.name()).append(" | ").append(ms(f, false)).append(" | ").append(ms(f, true))
          .append(" | ").append(ms(d, false)).append(" | ").append(ms(h, false)).append(" | ")
          .append(ratio(f, d)).append(" | ").append(ratio(f, h)).append(" | ")
          .append(f == null ? "-" : correct ? "yes" : "NO").append(" |\n");
      if (f != null && f.ran() && d != null && d.ran() && d.medianMs() > 0) {
        double r = f.medianMs() / d.medianMs();
        logSum += Math.log(r);
        n++;
        if (r > worst) {
          worst = r;
          worstName = q.name();
        }
      }
    }
    sb.append('\n');
    if (n > 0) {
      sb.append(String.format(Locale.ROOT, "Floe / DuckDB over the %d queries both ran: geometric mean %.2fx, worst %s %.1fx%n",
          n, Math.exp(logSum / n), worstName, worst));
    }
    long correct = queries.stream().filter(q -> floe.containsKey(q.name())
        && wrong.stream().noneMatch(w -> w.startsWith("floe " + q.name() + ":"))).count();
    if (!floe.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "Floe answers equal to DuckDB's: %d of %d%n", correct, queries.size()));
    }
    if (!wrong.isEmpty()) {
      sb.append('\n');
      wrong.forEach(w -> sb.append("- ").append(w.length() > 300 ? w.substring(0, 300) + "..." : w).append('\n'));
    }
    return sb.toString();
  }

  private static String ms(Outcome o, boolean first) {
    if (o == null) {
      return "-";
    }
    if (!o.ran()) {
      return o.error().startsWith("timeout") ? "timeout" : "failed";
    }
    double v = first ? o.firstMs() : o.medianMs();
    return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
  }

  private static String ratio(Outcome a, Outcome b) {
    if (a == null || b == null || !a.ran() || !b.ran() || b.medianMs() == 0) {
      return "-";
    }
    double r = a.medianMs() / b.medianMs();
    return String.format(Locale.ROOT, r < 10 ? "%.2fx" : "%.1fx", r);
  }
}
