package dev.floe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Parquet harness runs, and Floe and DuckDB agree on every query (figures are not asserted). */
class ParquetBenchSmokeTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void floeAndDuckDbAgreeOnATinyFile() throws Exception {
    List<ParquetBench.Row> rows = ParquetBench.run(20_000, 1);
    assertEquals(3, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.floeSeconds() > 0 && r.duckSeconds() > 0), rows.toString());
  }
}
