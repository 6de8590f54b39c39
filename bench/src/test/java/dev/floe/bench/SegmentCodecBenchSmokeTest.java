package dev.floe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the harness runs (at a tiny size); the figures themselves are not asserted. */
class SegmentCodecBenchSmokeTest {
  @Test
  void harnessRunsAtSmallSize() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<SegmentCodecBench.Result> results =
        SegmentCodecBench.run(10_000, 1, 0, new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertEquals(5, results.size());
    for (SegmentCodecBench.Result r : results) {
      assertTrue(r.encodeMBs() > 0 && r.decodeMBs() > 0 && r.lz4MBs() > 0 && r.ratio() > 0, r.toString());
    }
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("BIGINT ascending timestamps"));
  }
}
