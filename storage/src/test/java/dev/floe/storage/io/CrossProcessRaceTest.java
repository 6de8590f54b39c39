package dev.floe.storage.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.testing.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Create-if-absent across processes: two JVMs (no flags, the test's class path) each run {@link
 * RaceChild}, putting their own bytes to the same fresh key in every round at the same clock tick.
 * Every round must have exactly one winner across both processes, and the stored bytes must be the
 * winner's. Run on a shared local folder and on one shared s3proxy filesystem server.
 */
class CrossProcessRaceTest {
  private static final int PROCESSES = 2;
  private static final int ROUNDS = 200;

  @TempDir Path tmp;

  @Test
  void localFolderSharedByTwoProcesses() throws Exception {
    Path dir = tmp.resolve("store");
    String location = "file:" + dir;
    race("local folder", location, "-", Map.of(),
        () -> ObjectStores.open(location, StoreConfig.DEFAULTS));
  }

  @Test
  void oneS3ProxyFilesystemServerSharedByTwoProcesses() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.startFilesystem(tmp.resolve("s3"))) {
      String location = S3ProxyServer.location(s3.createBucket()) + "/db";
      race("s3proxy filesystem", location, s3.endpoint(),
          Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
              "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY),
          () -> ObjectStores.open(location, s3.config()));
    }
  }

  private interface Opener {
    ObjectStore open();
  }

  private void race(String name, String location, String endpoint, Map<String, String> env,
      Opener opener) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path barrier = tmp.resolve("barrier-" + name.replace(' ', '-'));
    Files.write(barrier, new byte[8 * PROCESSES]);
    List<Process> children = new ArrayList<>();
    List<Path> outs = new ArrayList<>();
    List<Path> errs = new ArrayList<>();
    long t0 = System.nanoTime();
    try {
      for (int p = 0; p < PROCESSES; p++) {
        outs.add(tmp.resolve("out-" + p + "-" + name.replace(' ', '-')));
        errs.add(tmp.resolve("err-" + p + "-" + name.replace(' ', '-')));
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            RaceChild.class.getName(), location, endpoint, String.valueOf(p), String.valueOf(PROCESSES),
            String.valueOf(ROUNDS), barrier.toString())
            .redirectOutput(outs.get(p).toFile())
            .redirectError(errs.get(p).toFile());
        pb.environment().remove("AWS_ACCESS_KEY_ID");
        pb.environment().remove("AWS_SECRET_ACCESS_KEY");
        pb.environment().putAll(env);
        children.add(pb.start());
      }
      long raceStart = System.nanoTime();
      for (int p = 0; p < PROCESSES; p++) {
        assertTrue(children.get(p).waitFor(120, TimeUnit.SECONDS), "child " + p + " did not finish");
        assertEquals(0, children.get(p).exitValue(), "child " + p + ": " + Files.readString(errs.get(p)));
      }
      long raceMillis = (System.nanoTime() - raceStart) / 1_000_000;

      int[] winners = new int[ROUNDS];
      int[] winner = new int[ROUNDS];
      int[] results = new int[ROUNDS];
      for (int p = 0; p < PROCESSES; p++) {
        for (String line : Files.readAllLines(outs.get(p))) {
          String[] f = line.split(" ");
          int r = Integer.parseInt(f[0]);
          results[r]++;
          if (f[1].equals("CREATED")) {
            winners[r]++;
            winner[r] = p;
          }
        }
      }
      List<String> bad = new ArrayList<>();
      int[] winsBy = new int[PROCESSES];
      try (ObjectStore check = opener.open()) {
        for (int r = 0; r < ROUNDS; r++) {
          if (results[r] != PROCESSES || winners[r] != 1) {
            bad.add("round " + r + ": " + winners[r] + " winners of " + results[r] + " results");
            continue;
          }
          winsBy[winner[r]]++;
          byte[] expected = ("writer-" + winner[r] + "-round-" + r).getBytes(StandardCharsets.US_ASCII);
          byte[] stored = check.get(String.format("xrace/%05d", r));
          if (!Arrays.equals(expected, stored)) {
            bad.add("round " + r + ": stored bytes are not the winner's");
          }
        }
      }
      System.out.printf("cross-process race on %s: %d processes x %d rounds, %d bad rounds, wins per"
          + " process %s, children %d ms, total %d ms%n", name, PROCESSES, ROUNDS, bad.size(),
          Arrays.toString(winsBy), raceMillis, (System.nanoTime() - t0) / 1_000_000);
      assertEquals(List.of(), bad);
      for (int p = 0; p < PROCESSES; p++) {
        assertTrue(winsBy[p] > 0, "process " + p + " never won: the processes did not contend, "
            + Arrays.toString(winsBy));
      }
    } finally {
      for (Process c : children) {
        c.destroyForcibly();
      }
    }
  }
}
