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

/** Proves the transfer harness runs (briefly, on a folder); the figures themselves are not asserted. */
class TransferBenchSmokeTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void harnessRunsBriefly() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<TransferBench.Result> results =
        TransferBench.run(0.5, new int[] {1, 2}, null, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertEquals(4, results.size(), out);
    assertTrue(results.stream().allMatch(r -> r.transfers() > 0), out);
    assertTrue(results.stream().allMatch(TransferBench.Result::balanced), "money created or destroyed:\n" + out);
    assertTrue(out.contains("- 1 table (2 UPDATEs): ") && out.contains("- 2 tables (2 UPDATEs + 1 INSERT): "), out);
    assertTrue(out.contains("| file | 2 | overlapping |"), out);
  }

  @Test
  void subPrefixKeepsTheQuery() {
    assertEquals("jdbc:floe:s3://b/p/x?endpoint=http://h:1",
        TransferBench.subPrefix("jdbc:floe:s3://b/p?endpoint=http://h:1", "x"));
    assertEquals("jdbc:floe:s3://b/p/x", TransferBench.subPrefix("jdbc:floe:s3://b/p/", "x"));
  }
}
