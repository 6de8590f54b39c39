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

/** Proves the loading harness runs on every engine and they store the same rows (briefly); figures are not asserted. */
class LoadBenchSmokeTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyEngineLoadsTheSameRows() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<String> engines = List.of("floe-file", "floe-mem", "duckdb", "duckdb-appender");
    List<LoadBench.Load> loads =
        LoadBench.run(5_000, 1, engines, 1_000, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String log = buf.toString(StandardCharsets.UTF_8);
    assertEquals(4, loads.size(), log);
    assertTrue(loads.stream().allMatch(l -> l.rows() == (l.engine().equals("duckdb") ? 1_000 : 5_000) && l.seconds() > 0), loads.toString());
    assertEquals(List.of(), LoadBench.mismatches(loads, 5_000), log);
    assertTrue(loads.get(0).check().startsWith("5000 "), loads.get(0).check());
    // the ordinary setters stayed on Floe's column path: every batch bound by column
    assertTrue(log.contains("floe-mem: 5,000 rows") && log.contains("batches by column/row/Calcite [1, 0, 0]"), log);
    assertTrue(LoadBench.markdown(5_000, 1, loads).contains("| duckdb-appender | 5,000 |"));
  }
}
