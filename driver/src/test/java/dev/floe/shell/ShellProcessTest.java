package dev.floe.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the floe shell as a separate process: script in, output and exit status out. */
class ShellProcessTest {
  @TempDir Path dir;

  private record Result(int status, String out, String err) {}

  private Result floe(String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FloeShell.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "shell did not exit");
    return new Result(p.exitValue(), out, Files.readString(dir.resolve("err.txt")));
  }

  @Test
  void runsStatementsGivenWithDashEOnTheDefaultStore() throws Exception {
    Result r = floe("", "-e", "SELECT 40 + 2 AS answer", "-e", "VALUES ('a', 1), ('b', 2)");
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("| answer |") && r.out.contains("| 42     |"), r.out);
    assertTrue(r.out.contains("| b "), r.out);
    assertTrue(Files.isDirectory(dir.resolve("floe-data")), "the default store ./floe-data was created");
  }

  @Test
  void readsAScriptFromStandardInputAndStopsWithStatus2AtTheFirstError() throws Exception {
    Result r = floe("SELECT 1 AS first_col;\nSELECT * FROM nosuch;\nSELECT 3 AS three;\n",
        "jdbc:floe:mem:shell", "--outputformat", "csv");
    assertEquals(2, r.status, r.out + r.err);
    assertTrue(r.out.contains("\"first_col\"") && r.out.contains("\"1\""), "standard CSV quoting: " + r.out);
    assertFalse(r.out.contains("three"), "stopped at the first failure: " + r.out);
    String all = r.out + r.err;
    assertTrue(all.contains("SQLState 42P01") && all.contains("'nosuch'"), all);
    assertFalse(all.contains("\tat "), "no stack trace without --verbose: " + all);
  }

  @Test
  void runsAScriptFileAndReportsBadArguments() throws Exception {
    Files.writeString(dir.resolve("q.sql"), "SELECT 'from file' AS src;\n");
    Result r = floe("", "jdbc:floe:mem:shell2", "-f", "q.sql");
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("from file"), r.out);
    Result bad = floe("", "--outputformat", "yaml");
    assertEquals(1, bad.status);
    assertTrue(bad.err.contains("unknown output format 'yaml'") && bad.err.contains("usage: floe"), bad.err);
    Result missing = floe("", "-f", "nope.sql");
    assertEquals(1, missing.status);
    assertTrue(missing.err.contains("cannot read script file"), missing.err);
  }

  @Test
  void verbosePrintsTheStackTrace() throws Exception {
    Result r = floe("", "jdbc:floe:mem:shell3", "--verbose", "-e", "SELEC 1");
    assertEquals(2, r.status);
    assertTrue((r.out + r.err).contains("\tat "), r.out + r.err);
  }
}
