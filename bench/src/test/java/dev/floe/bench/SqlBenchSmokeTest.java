package dev.floe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Proves the SQL harness runs on all four engines and they agree (briefly); figures are not asserted. */
class SqlBenchSmokeTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void allEnginesLoadQueryAndAgree() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<String> engines = List.of("floe-file", "floe-mem", "duckdb", "h2");
    SqlBench.Report report =
        SqlBench.run(20_000, 1, 0, 1, engines, new PrintStream(buf, true, StandardCharsets.UTF_8));

    assertTrue(report.resultsEqual(), report.markdown() + "\n" + buf.toString(StandardCharsets.UTF_8));
    assertEquals(4, report.loads().size());
    assertTrue(report.loads().stream().allMatch(l -> l.rows() == 20_000 && l.seconds() > 0), report.loads().toString());
    List<SqlBench.Query> queries = SqlBench.queries(new SqlBench.Dataset(20_000));
    assertEquals(12, queries.size());
    for (SqlBench.Query q : queries) {
      assertTrue(report.markdown().contains("| " + q.name() + " |"), q.name() + " missing:\n" + report.markdown());
    }
    assertTrue(report.timings().stream().allMatch(t -> t.medianMs().keySet().containsAll(engines)),
        report.timings().toString());
    assertTrue(report.markdown().contains("Results equal across engines: yes (12 queries)"), report.markdown());
  }

  @Test
  void renderingIsEngineNeutral() {
    assertEquals("0.333333", SqlBench.render(1 / 3.0));
    assertEquals("0.333333", SqlBench.render(new java.math.BigDecimal("0.33333333")));
    assertEquals("12345678", SqlBench.render(new java.math.BigDecimal("12345678.000")));
    assertEquals("12345678", SqlBench.render(java.math.BigInteger.valueOf(12345678)));
    assertEquals("199", SqlBench.render(199.0));
    // An exact decimal AVG and a binary one just below it must render the same (seen with H2 vs DuckDB).
    assertEquals("263.618", SqlBench.render(new java.math.BigDecimal("263.6175")));
    assertEquals("263.618", SqlBench.render(263.61749999999998));
    assertEquals("NULL", SqlBench.render(null));
  }

  @Test
  void sliceSelectsOneThousandthOfTheRows() throws Exception {
    SqlBench.Dataset d = new SqlBench.Dataset(20_000);
    SqlBench.Dataset.Cursor c = d.cursor();
    int inSlice = 0;
    while (c.next()) {
      if (!c.ts().isBefore(d.tsAt(0.5)) && c.ts().isBefore(d.tsAt(0.501))) {
        inSlice++;
      }
    }
    assertEquals(20, inSlice);
  }
}
