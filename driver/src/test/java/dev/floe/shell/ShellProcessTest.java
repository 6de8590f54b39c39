package dev.floe.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import dev.floe.storage.testing.S3ProxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the floe shell as a separate process: script in, output and exit status out. */
class ShellProcessTest {
  @TempDir Path dir;

  private record Result(int status, String out, String err) {}

  private Result floe(String stdin, String... args) throws IOException, InterruptedException {
    return floe(Map.of(), stdin, args);
  }

  /** Runs the shell with {@code env} added to its environment. */
  private Result floe(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FloeShell.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("AWS_ACCESS_KEY_ID");
    pb.environment().remove("AWS_SECRET_ACCESS_KEY");
    pb.environment().putAll(env);
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
    assertEquals("", r.err, "nothing on standard error (no SLF4J warning: the shell has no provider either)");
  }

  @Test
  void nullIsShownAsNullInTablesAndAsAnEmptyFieldInCsvWhateverTheType() throws Exception {
    String query = "SELECT CAST(NULL AS VARCHAR) AS s, '' AS e, CAST(NULL AS INTEGER) AS i,"
        + " CAST(NULL AS BOOLEAN) AS b, CAST(NULL AS TIMESTAMP) AS t";
    Result table = floe("", "jdbc:floe:mem:nulls", "-e", query);
    assertEquals(0, table.status, table.err);
    assertTrue(table.out.contains("| NULL |   | NULL | NULL | NULL |"),
        "NULL differs from the empty string, for every type: " + table.out);
    Result csv = floe("", "jdbc:floe:mem:nulls", "--outputformat", "csv", "-e", query);
    assertEquals(0, csv.status, csv.err);
    assertTrue(csv.out.contains("s,e,i,b,t\n,\"\",,,\n"), "NULL an empty field, '' quoted, not 'null': " + csv.out);
  }

  @Test
  void readOnlyAndSnapshotUrlsStayReadOnlyInTheShell() throws Exception {
    Result setup = floe("", "jdbc:floe:file:./ro", "-e", "CREATE TABLE t (id INTEGER)", "-e", "INSERT INTO t VALUES (1)",
        "-e", "SELECT * FROM TABLE(floe.create_snapshot('s1'))");
    assertEquals(0, setup.status, setup.out + setup.err);
    // sqlline sets its own readOnly (false) on the connection it opens; the shell passes the URL's
    for (String url : List.of("jdbc:floe:file:./ro?readOnly=true", "jdbc:floe:file:./ro?snapshot=s1")) {
      Result r = floe("", url, "-e", "DROP TABLE t");
      assertEquals(2, r.status, url + ": " + r.out + r.err);
      assertTrue((r.out + r.err).contains("SQLState 25006"), url + ": " + r.out + r.err);
    }
    Result after = floe("", "jdbc:floe:file:./ro", "--outputformat", "csv", "-e", "SELECT COUNT(*) AS n FROM t");
    assertTrue(after.out.contains("n\n1\n"), "the table is still there: " + after.out + after.err);
  }

  @Test
  void readsAScriptFromStandardInputAndStopsWithStatus2AtTheFirstError() throws Exception {
    Result r = floe("SELECT 1 AS first_col;\nSELECT * FROM nosuch;\nSELECT 3 AS three;\n",
        "jdbc:floe:mem:shell", "--outputformat", "csv");
    assertEquals(2, r.status, r.out + r.err);
    assertTrue(r.out.contains("first_col\n1\n"), "CSV quoted only where needed: " + r.out);
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

  @Test
  void demoLoadsTheTicksTableWithProgressAndItsQueriesRun() throws Exception {
    Result r = floe("", "demo", "--rows", "120000");
    assertEquals(0, r.status, r.out + r.err);
    assertTrue(r.out.contains("Loaded 120,000 rows into ticks"), r.out);
    assertTrue(r.err.contains("Loading ticks") && r.err.contains("rows/s"), "a progress bar on stderr: " + r.err);
    for (String q : Demo.queries()) {
      assertTrue(r.out.contains(q), "prints " + q + " in " + r.out);
    }
    assertTrue(Files.isDirectory(dir.resolve("floe-data")), "the default store holds the demo");

    List<String> args = new ArrayList<>(List.of("--outputformat", "csv"));
    for (String q : Demo.queries()) {
      args.add("-e");
      args.add(q.substring(0, q.indexOf(';')));
    }
    args.add("-e");
    args.add("SELECT COUNT(*) AS n, COUNT(DISTINCT venue) AS venues, MIN(ts) AS first_ts FROM ticks");
    Result q = floe("", args.toArray(new String[0]));
    assertEquals(0, q.status, q.out + q.err);
    assertTrue(q.out.contains("\nAAPX,"), "AAPX is among the busiest symbols: " + q.out);
    assertTrue(q.out.contains("rows_after_first_commit\n100000\n"),
        "version 1 holds the first commit of 100,000 rows: " + q.out);
    assertTrue(q.out.matches("(?s).*venue,low,high\n[A-Z]{4},.*"), "AAPX traded in that window: " + q.out);
    assertTrue(q.out.contains("120000,5,2026-01-02 09:30:00"), q.out);

    Result again = floe("", "demo");
    assertEquals(0, again.status, again.err);
    assertTrue(again.out.contains("already exists with 120,000 rows"), again.out);
  }

  @Test
  void csvRoundTripThroughExportAndReadCsv() throws Exception {
    String script = String.join("\n",
        "CREATE TABLE src (id BIGINT, name VARCHAR, px DOUBLE, ok BOOLEAN, ts TIMESTAMP, d DATE);",
        "INSERT INTO src VALUES (1, 'plain', 1.5, true, TIMESTAMP '2026-01-02 09:30:00.250', DATE '2026-01-02'),"
            + " (2, 'comma, \"quoted\"', -2.0, false, NULL, NULL), (3, '', NULL, NULL, TIMESTAMP '2026-01-03 00:00:00', NULL),"
            + " (4, NULL, 1e10, true, NULL, DATE '1999-12-31');",
        "!export out.csv SELECT * FROM src ORDER BY id",
        "!export all.csv src",
        "CREATE TABLE back AS SELECT * FROM TABLE(floe.read_csv('out.csv'));",
        "SELECT COUNT(*) AS differences FROM (SELECT * FROM src EXCEPT SELECT * FROM back"
            + " UNION ALL SELECT * FROM back EXCEPT SELECT * FROM src);",
        "SELECT id FROM back WHERE name = '' OR name IS NULL ORDER BY id;",
        "");
    Result r = floe(script, "jdbc:floe:mem:csvtrip", "--outputformat", "csv");
    assertEquals(0, r.status, r.out + r.err);
    assertTrue((r.out + r.err).contains("4 rows exported to out.csv"), r.out + r.err);
    assertEquals(List.of("id,name,px,ok,ts,d", "1,plain,1.5,true,2026-01-02 09:30:00.25,2026-01-02",
        "2,\"comma, \"\"quoted\"\"\",-2.0,false,,", "3,\"\",,,2026-01-03 00:00:00,", "4,,1.0E10,true,,1999-12-31"),
        Files.readAllLines(dir.resolve("out.csv")));
    assertEquals(5, Files.readAllLines(dir.resolve("all.csv")).size());
    assertTrue(r.out.contains("differences\n0\n"), "the round trip keeps every value: " + r.out);
    assertTrue(r.out.contains("id\n3\n4\n"), "'' and NULL stay apart: " + r.out);
  }

  @Test
  void badCsvFailsWithLineAndColumnAndTheShellReportsIt() throws Exception {
    Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3\n");
    Result r = floe("", "jdbc:floe:mem:badcsv", "-e",
        "CREATE TABLE t AS SELECT * FROM TABLE(floe.read_csv('bad.csv'))", "-e", "SELECT 1");
    assertEquals(2, r.status, r.out + r.err);
    assertTrue(r.err.contains("line 3") && r.err.contains("SQLState 22P04"), r.err);
    Result none = floe("", "jdbc:floe:file:./floe-data", "-e", "!export x.csv nosuch");
    assertEquals(2, none.status, none.out + none.err);
    assertTrue(none.err.contains("SQLState 42P01"), none.err);
    assertFalse(Files.exists(dir.resolve("x.csv")), "a failed export leaves no file");
  }

  @Test
  void readCsvReadsBelowTheWorkingDirectoryUnlessTheUrlSaysOtherwise() throws Exception {
    Files.writeString(dir.resolve("here.csv"), "a\n1\n2\n");
    Path elsewhere = Files.createTempDirectory("floe-shell-elsewhere");
    try {
      Path there = Files.writeString(elsewhere.resolve("there.csv"), "a\nSECRETCELL\n");
      String readThere = "SELECT COUNT(*) AS n FROM TABLE(floe.read_csv('" + there + "'))";
      Result r = floe("", "jdbc:floe:mem:files", "--outputformat", "csv",
          "-e", "SELECT COUNT(*) AS n FROM TABLE(floe.read_csv('here.csv'))", "-e", readThere);
      assertEquals(2, r.status, r.out + r.err);
      assertTrue(r.out.contains("n\n2\n"), "a file below the working directory is read: " + r.out);
      assertTrue(r.err.contains("SQLState 42501") && r.err.contains("allowedDirectories"), r.err);
      assertFalse((r.out + r.err).contains("SECRETCELL"), r.out + r.err);
      Result all = floe("", "jdbc:floe:mem:files?allowedDirectories=*", "--outputformat", "csv", "-e", readThere);
      assertEquals(0, all.status, all.out + all.err);
      assertTrue(all.out.contains("n\n1\n"), all.out);
      Result ro = floe("", "jdbc:floe:mem:files?readOnly=true", "--outputformat", "csv",
          "-e", "SELECT COUNT(*) AS n FROM TABLE(floe.read_csv('here.csv'))");
      assertEquals(0, ro.status, "the shell's default holds on read-only URLs too: " + ro.out + ro.err);
    } finally {
      try (var files = Files.walk(elsewhere)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void theShellAddsItsDefaultOnlyWhenTheUrlHasNone() {
    String cwd = Path.of("").toAbsolutePath().toString();
    String url = FloeShell.withShellDefaults("jdbc:floe:mem:x");
    assertTrue(url.startsWith("jdbc:floe:mem:x?allowedDirectories="), url);
    assertEquals(cwd, java.net.URLDecoder.decode(url.substring(url.indexOf('=') + 1), StandardCharsets.UTF_8));
    assertTrue(FloeShell.withShellDefaults("jdbc:floe:mem:x?readOnly=true").startsWith(
        "jdbc:floe:mem:x?readOnly=true&allowedDirectories="));
    assertEquals("jdbc:floe:mem:x?allowedDirectories=none", FloeShell.withShellDefaults(
        "jdbc:floe:mem:x?allowedDirectories=none"));
    assertEquals("jdbc:floe:mem:x?ALLOWEDDIRECTORIES=*", FloeShell.withShellDefaults(
        "jdbc:floe:mem:x?ALLOWEDDIRECTORIES=*"));
  }

  @Test
  void exportToAMissingFolderFailsSayingSoAndFilesGetTheUsualPermissions() throws Exception {
    Result missing = floe("", "jdbc:floe:mem:exp", "-e", "!export nosuchdir/x.csv VALUES (1)");
    assertEquals(2, missing.status, missing.out + missing.err);
    assertTrue(missing.err.contains("nosuchdir") && missing.err.contains("does not exist"), missing.err);
    assertFalse(missing.err.contains(".tmp") || missing.err.contains("\tat "), missing.err);

    String query = "SELECT 1 AS a, 'x,y' AS b, '' AS e, CAST(NULL AS VARCHAR) AS n,"
        + " TIMESTAMP '2024-01-02 03:04:05' AS t, TIMESTAMP '2024-01-02 03:04:05.5' AS f";
    Result ok = floe("", "jdbc:floe:mem:exp", "-e", "!export x.csv " + query, "-e", query);
    assertEquals(0, ok.status, ok.out + ok.err);
    assertEquals(List.of("a,b,e,n,t,f", "1,\"x,y\",\"\",,2024-01-02 03:04:05,2024-01-02 03:04:05.5"),
        Files.readAllLines(dir.resolve("x.csv")), "quoted only where needed, NULL empty, '' quoted, no .0");
    assertTrue(ok.out.contains("| 2024-01-02 03:04:05 | 2024-01-02 03:04:05.5 |"), "table output: " + ok.out);
    Path probe = Files.createFile(dir.resolve("probe")); // made under the same umask as the shell's files
    assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("x.csv"))),
        "an exported file gets the permissions of any new file, not a private temp file's 0600");
  }

  @Test
  void theAwsVariablesGiveTheCredentialsOfAnS3Url() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.startTransient()) {
      String url = "jdbc:floe:s3://" + s3.createBucket() + "/floe?endpoint=" + s3.endpoint();
      Result none = floe("", url, "-e", "SELECT 1 AS one");
      assertEquals(2, none.status, "no credentials at all fail: " + none.out + none.err);
      Result r = floe(Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
          "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY), "", url, "--outputformat", "csv",
          "-e", "CREATE TABLE t (id INTEGER)", "-e", "INSERT INTO t VALUES (7)", "-e", "SELECT id FROM t");
      assertEquals(0, r.status, "the shell's empty user and password do not hide the variables: " + r.out + r.err);
      assertTrue(r.out.contains("id\n7\n"), r.out);
    }
  }

  @Test
  void progressIsNotShownWhenTheOutputIsNotATerminal() throws Exception {
    // runs well over the second after which a terminal would show progress
    Result r = floe("", "jdbc:floe:mem:quiet", "-e", "SELECT COUNT(*) AS n FROM generate_series(1, 2000) a,"
        + " generate_series(1, 2000) b WHERE a.generate_series + b.generate_series < 0");
    assertEquals(0, r.status, r.out + r.err);
    assertFalse(r.err.contains("Running"), r.err);
  }
}
