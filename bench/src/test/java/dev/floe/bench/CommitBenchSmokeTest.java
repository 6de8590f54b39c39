package dev.floe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the commit harness runs (briefly); the figures themselves are not asserted. */
class CommitBenchSmokeTest {
  @Test
  void harnessRunsBriefly() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<CommitBench.Result> results = CommitBench.run(0.2, new int[] {1, 2}, new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertEquals(4, results.size());
    assertTrue(results.stream().allMatch(r -> r.commits() > 0), results.toString());
    String out = buf.toString(StandardCharsets.UTF_8);
    // 25: the head hint carries the head's record, so a cold read no longer GETs the record itself
    assertTrue(out.contains("1000 rows, 25 requests"), out);
  }
}
