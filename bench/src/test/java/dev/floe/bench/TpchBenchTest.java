package dev.floe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TPC-H at SF 0.01: all 22 queries on Floe give DuckDB's answers; figures are not asserted. */
class TpchBenchTest {
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void all22QueriesAgreeWithDuckDb() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    TpchBench.Report report =
        TpchBench.run(0.01, List.of("duckdb", "floe"), 0, 0, 60, new PrintStream(buf, true, StandardCharsets.UTF_8));

    assertEquals(List.of(), report.wrong(), report.markdown() + "\n" + buf.toString(StandardCharsets.UTF_8));
    assertEquals(22, report.outcomes().get("floe").size());
    assertTrue(report.outcomes().get("floe").values().stream().allMatch(o -> o.ran() && !o.answer().isEmpty()),
        report.markdown());
    assertEquals(86_805, report.loads().get(1).rows(), report.loads().toString());
    assertTrue(report.markdown().contains("Floe answers equal to DuckDB's: 22 of 22"), report.markdown());
  }

  /** Q19's join condition, repeated in each OR branch, is pulled out and makes a hash join. */
  @Test
  void q19JoinsOnTheConditionRepeatedInEveryBranch() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:floe:mem:tpch-q19-" + System.nanoTime());
        Statement s = c.createStatement()) {
      TpchLoader.createSchema(c);
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + TpchQuery.load("q19").sql())) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      assertTrue(plan.toString().contains("EnumerableHashJoin(condition=[AND(=("), plan.toString());
      assertFalse(plan.toString().contains("NestedLoopJoin"), plan.toString());
    }
  }

  @Test
  void answersCompareWithinTenDigitsAndByOrderKeys() {
    TpchQuery ordered = new TpchQuery("t", "", List.of(2));
    List<List<String>> duck = List.of(List.of("a", "2"), List.of("b", "1"), List.of("c", "1"));
    // rows tied on the ORDER BY key may come in any order
    assertNull(TpchAnswers.difference(ordered, List.of(List.of("a", "2"), List.of("c", "1"), List.of("b", "1")), duck));
    assertTrue(TpchAnswers.difference(ordered, List.of(List.of("b", "1"), List.of("a", "2"), List.of("c", "1")), duck)
        .startsWith("order"));
    assertTrue(TpchAnswers.difference(ordered, duck.subList(0, 2), duck).startsWith("2 rows, expected 3"));
    // a binary AVG and an exact one agree; a quotient cut to 6 places does not
    assertEquals(TpchAnswers.render(25.537499999999998), TpchAnswers.render(new BigDecimal("25.5375")));
    assertFalse(TpchAnswers.render(new BigDecimal("0.034632")).equals(TpchAnswers.render(0.03463181592357)));
    assertEquals("3", TpchAnswers.render(new BigDecimal("3.00")));
    assertEquals("BRAZIL", TpchAnswers.render("BRAZIL                   "));
  }
}
