package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Read-only and snapshot connections, attacked with the spellings that fooled a text guard:
 * every statement that writes (DML, DDL, maintenance functions), dressed in comments ending at
 * CR or LF, block comments, odd whitespace, quoted and qualified names and random letter case,
 * run through {@code execute}, {@code executeUpdate}, {@code prepareStatement} and {@code
 * addBatch}. Each must fail with 25006, and the store must hold exactly the objects it held before
 * (same keys, sizes and times); a connection over a counting store must not issue one PUT,
 * create or DELETE, whatever it runs, reads included.
 */
class ReadOnlyPropertyTest {
  /** Statement templates: {T} a spelling of table t, {F} of schema floe's function prefix. */
  private static final List<String> WRITES = List.of(
      "INSERT INTO {T} VALUES (5, 'x')",
      "INSERT INTO {T} (a) VALUES (7)",
      "INSERT INTO {T} SELECT * FROM {T}",
      "UPDATE {T} SET a = a + 1",
      "UPDATE {T} SET b = 'y' WHERE a = 1",
      "DELETE FROM {T}",
      "DELETE FROM {T} WHERE a IN (SELECT a FROM {T} WHERE a > 1)",
      "MERGE INTO {T} USING (VALUES (1)) AS s(x) ON {T}.a = s.x WHEN MATCHED THEN UPDATE SET a = 2",
      "TRUNCATE TABLE {T}",
      "DROP TABLE {T}",
      "DROP TABLE IF EXISTS {T}",
      "DROP VIEW v",
      "CREATE TABLE u (a INT)",
      "CREATE TABLE IF NOT EXISTS u (a INT, PRIMARY KEY (a))",
      "CREATE TABLE u AS SELECT * FROM {T}",
      "CREATE TABLE u AS SELECT * FROM TABLE({F}read_csv('{CSV}'))",
      "INSERT INTO {T} SELECT * FROM TABLE({F}read_csv('{CSV}'))",
      "CREATE TABLE u LIKE {T}",
      "CREATE VIEW w AS SELECT * FROM {T}",
      "CREATE OR REPLACE VIEW v AS SELECT a FROM {T}",
      "ALTER TABLE {T} ADD COLUMN c INT",
      "SELECT * FROM TABLE({F}vacuum('t'))",
      "SELECT * FROM TABLE({F}vacuum('t', 1, 0))",
      "SELECT * FROM TABLE({F}vacuum('t', 0, 0, 0))",
      "SELECT * FROM TABLE({F}compact('t'))",
      "SELECT * FROM TABLE({F}compact('t', 1))",
      "SELECT * FROM TABLE({F}create_snapshot('s2'))",
      "SELECT * FROM TABLE({F}drop_snapshot('s1'))",
      "SELECT * FROM TABLE({F}vacuum_dropped(0))",
      "SELECT * FROM {T} WHERE a IN (SELECT vacuum_version FROM TABLE({F}vacuum('t', 1, 0)))",
      "WITH x AS (SELECT * FROM TABLE({F}compact('t'))) SELECT * FROM x",
      "SELECT COUNT(*) FROM (SELECT * FROM TABLE({F}create_snapshot('s3'))) q");
  private static final List<String> TABLES =
      List.of("t", "T", "\"t\"", "floe.t", "\"floe\".\"t\"", "floe . t", "FLOE.\"t\"", "floe/**/.t");
  private static final List<String> FUNCTION_PREFIXES =
      List.of("floe.", "", "\"floe\".", "floe/**/.", "FLOE . ", "floe\r.", "Floe./* x */");
  private static final List<String> PREFIXES = List.of("", "-- x\r", "-- x\n", "--x\r\n", "/* c */", "/* a\nb */ ",
      "\t\f\n ", "-- a\r-- b\n", " -- SELECT\r", "/* INSERT */ ", "\r\n\r\n");
  private static final List<String> SUFFIXES = List.of("", " -- trailing", " /* end */", "\r\n", "\n-- x");

  static Stream<String> kinds() {
    return TestUrls.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void noSpellingOfAWriteChangesTheStoreOnReadOnlyOrSnapshotConnections(String kind) throws Exception {
    String url = TestUrls.fresh(kind);
    Path csv = csv();
    seed(url);
    int variants = kind.equals("s3") ? 60 : 250;
    List<String> sqls = statements(new Random(kind.hashCode()), variants, csv);
    Map<String, String> before = objects(url);
    String sep = url.contains("?") ? "&" : "?";
    for (String suffix : List.of(sep + "readOnly=true", sep + "snapshot=s1", "")) {
      try (Connection c = TestUrls.connect(url + suffix)) {
        if (suffix.isEmpty()) {
          c.setReadOnly(true);
        }
        assertTrue(c.isReadOnly());
        for (int i = 0; i < sqls.size(); i++) {
          refused(c, sqls.get(i), i % 4);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
          assertTrue(rs.next(), "the connection still reads");
          assertEquals(3, rs.getLong(1));
        }
      }
      assertEquals(before, objects(url), "the store is unchanged after " + sqls.size() + " writes on " + suffix);
    }
  }

  /**
   * Whatever a read-only connection runs (writes refused, reads, time travel, system tables, dry
   * runs), the store under it sees no PUT, no create and no DELETE.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aReadOnlyConnectionIssuesNoWriteRequestToTheStore(String kind) throws Exception {
    String url = TestUrls.fresh(kind);
    Path csv = csv();
    seed(url);
    try (ObjectStore raw = rawStore(url)) {
      CountingStore counting = new CountingStore(raw);
      try (Connection c = FloeDriver.connect(counting); Statement s = c.createStatement()) {
        c.setReadOnly(true);
        CountingStore.Counts start = counting.counts();
        for (String sql : statements(new Random(7), kind.equals("s3") ? 40 : 150, csv)) {
          refused(c, sql, 0);
        }
        for (String read : List.of("SELECT * FROM t", "SELECT COUNT(*) FROM v", "SELECT * FROM floe_system.tables",
            "SELECT * FROM floe_system.versions", "SELECT * FROM floe_system.segments",
            "SELECT * FROM floe_system.snapshots", "SELECT * FROM TABLE(floe.at_version('t', 1))",
            "SELECT * FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '2100-01-01 00:00:00'",
            "SELECT * FROM TABLE(floe.vacuum_dry_run('t'))", "SELECT * FROM TABLE(floe.vacuum_dropped_dry_run())",
            "SELECT * FROM TABLE(floe.read_csv('" + csv + "'))", "EXPLAIN PLAN FOR DELETE FROM t", "BEGIN",
            "SELECT a FROM t WHERE a > 1", "COMMIT")) {
          try {
            s.execute(read);
          } catch (SQLException e) {
            // a read may fail (a dry run that needs the store's time), but it must not write
            assertNotNull(e.getSQLState(), read);
          }
        }
        CountingStore.Counts used = counting.counts().minus(start);
        assertTrue(used.totalRequests() > 0, "the reads reached the store");
        for (StoreOp op : List.of(StoreOp.PUT, StoreOp.PUT_IF_ABSENT, StoreOp.DELETE)) {
          assertEquals(0, used.requests(op), op + " requests from a read-only connection: " + used);
        }
        assertEquals(0, used.bytesWritten());
        c.setReadOnly(false); // and the same handle writes again once allowed
        s.executeUpdate("INSERT INTO t VALUES (9, 'w')");
        assertTrue(counting.counts().minus(start).requests(StoreOp.PUT_IF_ABSENT) > 0);
      }
    }
  }

  /** Runs {@code sql} one of four ways; it must fail with 25006. */
  private static void refused(Connection c, String sql, int way) {
    String shown = sql.replace("\r", "\\r").replace("\n", "\\n");
    try {
      switch (way) {
        case 0 -> {
          try (Statement s = c.createStatement()) {
            s.execute(sql);
          }
        }
        case 1 -> {
          try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
          }
        }
        case 2 -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
          }
        }
        default -> {
          try (Statement s = c.createStatement()) {
            s.addBatch(sql);
            s.executeBatch();
          }
        }
      }
      fail("ran on a read-only connection: " + shown);
    } catch (SQLException e) {
      if (way == 3 && sql.toUpperCase(java.util.Locale.ROOT).contains("ALTER")) {
        return; // Floe runs ALTER TABLE itself, outside Calcite's batches: a batch of it fails as a syntax error
      }
      assertEquals("25006", stateOf(e), shown + " -> " + e);
    }
  }

  /** The SQLState of {@code e}, or of the first exception a batch chained that has one. */
  private static String stateOf(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if ("25006".equals(x.getSQLState())) {
        return x.getSQLState();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "25006".equals(s.getSQLState())) {
        return "25006";
      }
    }
    return e.getSQLState();
  }

  /** Every template once plain, then {@code n} random dressings. */
  static List<String> statements(Random r, int n, Path csv) {
    List<String> out = new ArrayList<>();
    for (String w : WRITES) {
      out.add(fill(w, "t", "floe.", csv));
    }
    for (int i = 0; i < n; i++) {
      String w = WRITES.get(r.nextInt(WRITES.size()));
      String sql = fill(w, pick(r, TABLES), pick(r, FUNCTION_PREFIXES), csv);
      if (r.nextBoolean()) {
        sql = randomCase(r, sql);
      }
      out.add(pick(r, PREFIXES) + sql.replace(" ", r.nextInt(4) == 0 ? pick(r, List.of("\t", "\n", "\r", "  ", "\f")) : " ")
          + pick(r, SUFFIXES));
    }
    return out;
  }

  private static String fill(String template, String table, String function, Path csv) {
    return template.replace("{T}", table).replace("{F}", function).replace("{CSV}", csv.toString());
  }

  private static String pick(Random r, List<String> from) {
    return from.get(r.nextInt(from.size()));
  }

  /** Random letter case outside quotes (string literals and quoted names keep theirs). */
  private static String randomCase(Random r, String sql) {
    StringBuilder b = new StringBuilder();
    char quote = 0;
    for (char ch : sql.toCharArray()) {
      if (quote == 0 && (ch == '\'' || ch == '"')) {
        quote = ch;
      } else if (ch == quote) {
        quote = 0;
      }
      b.append(quote == 0 && r.nextBoolean() ? Character.toUpperCase(ch) : quote == 0 ? Character.toLowerCase(ch) : ch);
    }
    return b.toString();
  }

  /** A table t with three rows, a view v and a snapshot s1. */
  private static void seed(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (a INT, b VARCHAR)");
      s.executeUpdate("INSERT INTO t VALUES (1, 'a')");
      s.executeUpdate("INSERT INTO t VALUES (2, 'b'), (3, 'c')");
      s.executeUpdate("CREATE VIEW v AS SELECT a FROM t");
      s.executeQuery("SELECT * FROM TABLE(floe.create_snapshot('s1'))").close();
    }
  }

  private static Path csv() throws IOException {
    Path f = Files.createTempFile("floe-ro", ".csv");
    Files.writeString(f, "a,b\n1,x\n");
    f.toFile().deleteOnExit();
    return f;
  }

  /** The object store under {@code url}, opened directly (the s3proxy credentials for S3). */
  private static ObjectStore rawStore(String url) throws SQLException {
    Properties p = new Properties();
    if (url.startsWith("jdbc:floe:s3:")) {
      p.setProperty("user", S3ProxyServer.ACCESS_KEY);
      p.setProperty("password", S3ProxyServer.SECRET_KEY);
    }
    FloeUrl parsed = FloeUrl.parse(url, p);
    return ObjectStores.open(parsed.location(), parsed.storeConfig());
  }

  /** Every object under the root: key to size and store time. */
  private static Map<String, String> objects(String url) throws SQLException {
    try (ObjectStore raw = rawStore(url.replaceAll("[?&](readOnly|snapshot)=[^&]*", ""));
        Stream<ObjectInfo> all = raw.list("", null)) {
      Map<String, String> out = all.collect(Collectors.toMap(ObjectInfo::key,
          i -> i.size() + "@" + i.lastModified(), (a, b) -> a, TreeMap::new));
      assertFalse(out.isEmpty());
      return out;
    }
  }
}
