package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Four separate JVM processes ({@link BatchInserterMain}) insert JDBC batches concurrently into one
 * table on one store: an s3proxy server started in this JVM, or one local folder. Two processes
 * commit each batch by autocommit, two in a transaction per batch. No row may be lost or
 * duplicated: the final count and the exact set of ids match what the processes inserted, every
 * process exits 0, and the only failures any process saw were commit conflicts (40001), retried.
 */
class MultiProcessInsertTest {
  private static final int PROCESSES = 4;
  private static final int BATCHES = 10;
  private static final int ROWS = 100;
  private static final Pattern RESULT = Pattern.compile("RESULT process=(\\d+) rows=(\\d+) conflicts=(\\d+)");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"s3", "file"})
  void concurrentProcessesLoseAndDuplicateNothing(String kind) throws Exception {
    String url = Stores.fresh(kind);
    try (Connection c = Stores.connect(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE events (id BIGINT NOT NULL, proc INT NOT NULL, note VARCHAR)");
    }
    Path signals = Files.createDirectories(tmp.resolve("signals"));
    List<ChildJvm> children = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      children.add(ChildJvm.start(BatchInserterMain.class.getName(), List.of(url,
          S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, String.valueOf(p), String.valueOf(BATCHES),
          String.valueOf(ROWS), p % 2 == 0 ? "autocommit" : "tx", signals.toString())));
    }
    long deadline = System.nanoTime() + 150_000_000_000L;
    while (countReady(signals) < PROCESSES && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Files.createFile(signals.resolve("go"));

    int conflicts = 0;
    for (int p = 0; p < PROCESSES; p++) {
      ChildJvm.Result r = children.get(p).await(150);
      assertEquals(0, r.exitStatus(), "process " + p + ":\n" + r.output());
      Matcher m = RESULT.matcher(r.output());
      assertTrue(m.find(), r.output());
      assertEquals(p, Integer.parseInt(m.group(1)));
      assertEquals(BATCHES * ROWS, Integer.parseInt(m.group(2)), r.output());
      conflicts += Integer.parseInt(m.group(3));
      System.out.println(kind + ": " + m.group() + r.output().substring(m.end()).stripTrailing());
    }
    System.out.println(kind + ": " + PROCESSES + " processes, commit conflicts retried: " + conflicts);

    long total = (long) PROCESSES * BATCHES * ROWS;
    try (Connection c = Stores.connect(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id), SUM(id) FROM events")) {
        assertTrue(rs.next());
        assertEquals(total, rs.getLong(1), "rows");
        assertEquals(total, rs.getLong(2), "distinct ids");
        assertEquals(0, rs.getLong(3));
        assertEquals(total - 1, rs.getLong(4));
        assertEquals(total * (total - 1) / 2, rs.getLong(5), "sum of ids 0 .. n-1");
      }
      try (ResultSet rs = s.executeQuery("SELECT proc, COUNT(*), MIN(id), MAX(id) FROM events GROUP BY proc ORDER BY proc")) {
        for (int p = 0; p < PROCESSES; p++) {
          assertTrue(rs.next());
          assertEquals(p, rs.getInt(1));
          assertEquals(BATCHES * ROWS, rs.getLong(2));
          assertEquals((long) p * BATCHES * ROWS, rs.getLong(3));
          assertEquals((long) (p + 1) * BATCHES * ROWS - 1, rs.getLong(4));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE note <> 'p' || CAST(proc AS VARCHAR) || '-' || CAST(id AS VARCHAR)")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1), "every row's note matches its id and process");
      }
    }
  }

  private static long countReady(Path signals) throws Exception {
    try (var s = Files.list(signals)) {
      return s.filter(f -> f.getFileName().toString().startsWith("ready-")).count();
    }
  }
}
