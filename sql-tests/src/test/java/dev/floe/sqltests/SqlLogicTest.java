package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's sqllogictest {@code select1..5.test} (shipped in {@code net.hydromatic:sql-logic-test})
 * through the public JDBC URL, each file on a fresh database. A file fails when fewer of its queries
 * pass than {@code src/test/resources/slt/baseline.txt} records, so conformance can only go up;
 * the failures left are explained in {@code slt/known-failures.md}. Each run writes its failures
 * to {@code target/slt/} for diffing.
 *
 * <p>System property {@code floe.slt.files} (comma-separated file names, or {@code all}) picks the
 * baseline lines that run; the sql-tests pom sets the quick default and profile {@code slt-full}
 * runs every line.
 */
class SqlLogicTest {
  private static final Path BASELINE = Path.of("src", "test", "resources", "slt", "baseline.txt");
  @TempDir static Path dir;

  /** Baseline lines: {@code file backend passed}; '#' starts a comment. */
  private static Map<String, Integer> baseline() throws IOException {
    Map<String, Integer> result = new LinkedHashMap<>();
    for (String line : Files.readAllLines(BASELINE, StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\\s+");
      result.put(f[0] + " " + f[1], Integer.parseInt(f[2]));
    }
    return result;
  }

  @TestFactory
  Stream<DynamicTest> selectFilesPassAtLeastTheBaseline() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    String files = System.getProperty("floe.slt.files", "all");
    List<String> chosen = List.of(files.split(","));
    for (Map.Entry<String, Integer> e : baseline().entrySet()) {
      String[] key = e.getKey().split(" ");
      if (!files.equals("all") && !chosen.contains(key[0])) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(e.getKey(), () -> run(key[0], key[1], e.getValue())));
    }
    return tests.stream();
  }

  private static String freshUrl(String backend) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    return switch (backend) {
      case "mem" -> "jdbc:floe:mem:slt-" + id;
      case "file" -> "jdbc:floe:file:" + dir.resolve("slt-" + id);
      default -> throw new IllegalArgumentException("backend " + backend);
    };
  }

  private static void run(String file, String backend, int expectedPassed) throws Exception {
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    FloeSltExecutor.FileResult r = new FloeSltExecutor(freshUrl(backend), "", "").run("test/" + file);
    long ms = (System.nanoTime() - start) / 1_000_000;
    long cpuMs = (processCpuNanos() - cpuStart) / 1_000_000;
    String summary = String.format(
        "%s on %s: %d passed, %d failed of %d queries; %d statements failed; %d ms wall, %d ms process CPU",
        file, backend, r.passed(), r.failed(), r.total(), r.statementsFailed(), ms, cpuMs);
    System.out.println(summary);
    writeFailures(file, backend, summary, r);
    assertTrue(r.passed() >= expectedPassed,
        summary + "; baseline is " + expectedPassed + " passed: see target/slt/" + backend + "-" + file + ".failures");
    if (r.passed() > expectedPassed) {
      System.out.println("  better than the baseline: raise it to " + r.passed() + " in " + BASELINE);
    }
  }

  /** CPU time of this JVM (all threads: JIT and GC too), a measure that a busy machine does not inflate. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Failures, grouped by reason, most frequent first, into target/slt/BACKEND-FILE.failures. */
  private static void writeFailures(String file, String backend, String summary, FloeSltExecutor.FileResult r)
      throws IOException {
    Map<String, List<String>> byReason = new TreeMap<>();
    for (FloeSltExecutor.Failure f : r.failures()) {
      byReason.computeIfAbsent(f.reason(), k -> new ArrayList<>()).add(f.sql());
    }
    StringBuilder out = new StringBuilder(summary).append('\n');
    byReason.entrySet().stream()
        .sorted((a, b) -> b.getValue().size() - a.getValue().size())
        .forEach(e -> {
          out.append("\n## ").append(e.getValue().size()).append("x ").append(e.getKey()).append('\n');
          e.getValue().forEach(sql -> out.append("  ").append(sql.replace('\n', ' ')).append('\n'));
        });
    Path target = Path.of("target", "slt", backend + "-" + file + ".failures");
    Files.createDirectories(target.getParent());
    Files.writeString(target, out, StandardCharsets.UTF_8);
  }
}
