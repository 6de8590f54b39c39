package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Snapshots, VACUUM and COMPACT through SQL table functions. */
class MaintenanceSqlTest {
  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void snapshotsVacuumAndCompactThroughSql(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT, v VARCHAR)");
      for (int i = 0; i < 12; i++) {
        s.executeUpdate("INSERT INTO t VALUES (" + i + ", 'v" + i + "')");
      }
      assertEquals(List.of("eod|1"), JdbcRows.of(c, "SELECT snapshot_name, tables FROM TABLE(floe.create_snapshot('eod'))"));
      SQLException dup = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM TABLE(floe.create_snapshot('eod'))"));
      assertEquals("42710", dup.getSQLState(), dup.getMessage());

      assertEquals(List.of("t|13|12|1"), JdbcRows.of(c,
          "SELECT table_name, version, segments_before, segments_after FROM TABLE(floe.compact('t'))"));
      assertEquals(List.of("12"), JdbcRows.of(c, "SELECT COUNT(*) FROM t"));
      assertEquals(List.of("t|0|true"), JdbcRows.of(c,
          "SELECT table_name, objects_deleted, dry_run FROM TABLE(floe.vacuum_dry_run('t'))"),
          "nothing is older than the default hour");
      sleep(); // store times have a resolution of a second on S3; "older than 0 s" needs a tick
      assertEquals(List.of("false|12"), JdbcRows.of(c,
          "SELECT objects_deleted > 0, versions_expired FROM TABLE(floe.vacuum_dry_run('t', 1, 0))"),
          "versions 0..11 would expire, but snapshot eod pins version 12, whose segments COMPACT replaced");
      assertEquals(List.of("eod|true"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.drop_snapshot('eod'))"));
      List<String> done = JdbcRows.of(c, "SELECT vacuum_version, objects_deleted > 0, versions_expired FROM TABLE(floe.vacuum('t', 1, 0))");
      assertEquals(List.of("14|true|13"), done);
      assertEquals(List.of("12"), JdbcRows.of(c, "SELECT COUNT(*) FROM t"), "the latest rows survive");
      SQLException gone = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM TABLE(floe.drop_snapshot('eod'))"));
      assertEquals("42704", gone.getSQLState(), gone.getMessage());
      SQLException bad = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM TABLE(floe.vacuum('t', -1, 0))"));
      assertEquals("22023", bad.getSQLState(), bad.getMessage());
      SQLException none = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM TABLE(floe.vacuum('nosuch'))"));
      assertEquals("42P01", none.getSQLState(), none.getMessage());

      c.setReadOnly(true);
      SQLException ro = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM TABLE(floe.vacuum('t'))"));
      assertEquals("25006", ro.getSQLState(), ro.getMessage());
      assertEquals(1, JdbcRows.of(c, "SELECT * FROM TABLE(floe.vacuum_dry_run('t'))").size(), "a dry run only reads");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void aConnectionOnANamedSnapshotReadsItsVersionsAndCannotWrite(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE a (id INTEGER)");
      s.executeUpdate("INSERT INTO a VALUES (1), (2)");
      JdbcRows.of(c, "SELECT * FROM TABLE(floe.create_snapshot('s1'))");
      s.executeUpdate("INSERT INTO a VALUES (3)");
      s.executeUpdate("CREATE TABLE b (x INTEGER)");
      assertEquals(List.of("s1|a|1"), JdbcRows.of(c, "SELECT snapshot_name, table_name, version FROM floe_system.snapshots"));
    }
    try (Connection c = TestUrls.connect(url + (url.contains("?") ? "&" : "?") + "snapshot=s1");
        Statement s = c.createStatement()) {
      assertEquals(List.of("1", "2"), JdbcRows.of(c, "SELECT id FROM a ORDER BY id"), "as the snapshot pinned it");
      assertTrue(c.isReadOnly());
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO a VALUES (9)"));
      assertEquals("25006", e.getSQLState(), e.getMessage());
      e = assertThrows(SQLException.class, () -> c.setReadOnly(false)); // sqlline calls it on every connection
      assertEquals("25006", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("named snapshot 's1'"), e.getMessage());
      assertTrue(c.isReadOnly());
      for (String write : List.of("DELETE FROM a", "TRUNCATE TABLE a", "DROP TABLE a", "CREATE TABLE c (x INTEGER)")) {
        e = assertThrows(SQLException.class, () -> s.executeUpdate(write), write);
        assertEquals("25006", e.getSQLState(), "still read-only: " + e.getMessage());
      }
      e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM b"));
      assertEquals("42P01", e.getSQLState(), "created after the snapshot: " + e.getMessage());
    }
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      assertEquals(List.of("1", "2", "3"), JdbcRows.of(c, "SELECT id FROM a ORDER BY id"), "the live table is untouched");
      s.executeUpdate("DROP TABLE a");
      s.executeUpdate("CREATE TABLE a (id INTEGER)");
      s.executeUpdate("INSERT INTO a VALUES (7), (8), (9)");
    }
    try (Connection c = TestUrls.connect(url + (url.contains("?") ? "&" : "?") + "snapshot=s1");
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM a"));
      assertEquals("42P01", e.getSQLState(), "s1 pinned the dropped table a, not the new one: " + e.getMessage());
    }
    SQLException missing = assertThrows(SQLException.class,
        () -> TestUrls.connect(url + (url.contains("?") ? "&" : "?") + "snapshot=nope"));
    assertEquals("42704", missing.getSQLState(), missing.getMessage());
    try (Connection c = TestUrls.connect(url)) {
      assertEquals(List.of("3"), JdbcRows.of(c, "SELECT COUNT(*) FROM a"), "the new table a is untouched");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void atSnapshotReadsTheVersionANamedSnapshotPins(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id INTEGER, v VARCHAR)");
      s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
      JdbcRows.of(c, "SELECT * FROM TABLE(floe.create_snapshot('eod'))");
      s.executeUpdate("INSERT INTO t VALUES (3, 'c')");
      s.executeUpdate("UPDATE t SET v = 'z' WHERE id = 1");
      JdbcRows.of(c, "SELECT * FROM TABLE(floe.create_snapshot('later'))");
      s.executeUpdate("DELETE FROM t WHERE id = 2");
      s.executeUpdate("CREATE TABLE u (x INTEGER)");

      assertEquals(List.of("1|a", "2|b"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.at_snapshot('t', 'eod')) ORDER BY id"));
      assertEquals(List.of("2|b"), JdbcRows.of(c, "SELECT id, v FROM TABLE(floe.at_snapshot('t', 'eod')) WHERE id > 1"),
          "filters push into the snapshot's version as into any other");
      assertEquals(List.of("1|z|a"), JdbcRows.of(c, "SELECT n.id, n.v, o.v FROM t n JOIN TABLE(floe.at_snapshot('t', 'eod')) o"
          + " ON n.id = o.id ORDER BY n.id"), "the latest joined with the snapshot");
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), MAX(v) FROM TABLE(floe.at_snapshot('t', ?))")) {
        p.setString(1, "eod");
        assertEquals(List.of("2|b"), rowsOf(p));
        p.setString(1, "later");
        assertEquals(List.of("3|z"), rowsOf(p), "one prepared plan, the snapshot its parameter names");
        p.setString(1, "nope");
        SQLException unknown = assertThrows(SQLException.class, () -> rowsOf(p));
        assertEquals("42704", unknown.getSQLState(), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
        p.setNull(1, java.sql.Types.VARCHAR);
        SQLException nul = assertThrows(SQLException.class, () -> rowsOf(p));
        assertEquals("22023", nul.getSQLState(), nul.getMessage());
      }
      SQLException unknown = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT * FROM TABLE(floe.at_snapshot('t', 'nope'))"));
      assertEquals("42704", unknown.getSQLState(), unknown.getMessage());
      SQLException notInIt = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT * FROM TABLE(floe.at_snapshot('u', 'eod'))"));
      assertEquals("42P01", notInIt.getSQLState(), "u was created after eod: " + notInIt.getMessage());

      s.executeUpdate("DROP TABLE t");
      s.executeUpdate("CREATE TABLE t (id INTEGER, v VARCHAR)");
      SQLException dropped = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT * FROM TABLE(floe.at_snapshot('t', 'eod'))"));
      assertEquals("42P01", dropped.getSQLState(), "eod pinned the dropped table, not the new one: " + dropped.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void vacuumRetainsByAgeThroughSql(String url) throws SQLException, InterruptedException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT)"); // v0
      s.executeUpdate("INSERT INTO t VALUES (1)"); // v1
      s.executeUpdate("DELETE FROM t"); // v2: v0 and v1 superseded
      Thread.sleep(6000); // S3 store times are whole seconds; v2 stays younger than 4 s on a busy machine
      s.executeUpdate("INSERT INTO t VALUES (2)"); // v3
      s.executeUpdate("INSERT INTO t VALUES (3)"); // v4
      assertEquals(List.of("0|true"), JdbcRows.of(c,
          "SELECT versions_expired, dry_run FROM TABLE(floe.vacuum_dry_run('t', 0, 0, 3600))"), "nothing is an hour old");
      assertEquals(List.of("2|true"), JdbcRows.of(c,
          "SELECT versions_expired, dry_run FROM TABLE(floe.vacuum_dry_run('t', 0, 0, 4))"), "v0 and v1");
      assertEquals(List.of("1|true"), JdbcRows.of(c,
          "SELECT versions_expired, dry_run FROM TABLE(floe.vacuum_dry_run('t', 4, 0, 4))"), "the count policy keeps v1");
      assertEquals(List.of("0|true"), JdbcRows.of(c,
          "SELECT versions_expired, dry_run FROM TABLE(floe.vacuum_dry_run('t', 0, 0, CAST(NULL AS INTEGER)))"),
          "no policy given: every version kept");
      assertEquals(List.of("1"), JdbcRows.of(c, "SELECT COUNT(*) FROM TABLE(floe.at_version('t', 1))"), "the dry run changed nothing");
      assertEquals(List.of("5|2"), JdbcRows.of(c, "SELECT vacuum_version, versions_expired FROM TABLE(floe.vacuum('t', 0, 0, 4))"));
      SQLException expired = assertThrows(SQLException.class, () -> JdbcRows.of(c, "SELECT COUNT(*) FROM TABLE(floe.at_version('t', 1))"));
      assertEquals("72000", expired.getSQLState(), expired.getMessage()); // PostgreSQL's snapshot_too_old
      assertTrue(expired.getMessage().contains("was expired by the VACUUM committed as version 5"), expired.getMessage());
      assertTrue(expired.getMessage().contains("oldest version still readable is 2"), expired.getMessage());
      assertEquals(List.of("0"), JdbcRows.of(c, "SELECT COUNT(*) FROM TABLE(floe.at_version('t', 2))"), "v2 is younger");
      assertEquals(List.of("2", "3"), JdbcRows.of(c, "SELECT id FROM t ORDER BY id"));
      SQLException bad = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM TABLE(floe.vacuum('t', 0, 0, -1))"));
      assertEquals("22023", bad.getSQLState(), bad.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void vacuumDroppedReclaimsADroppedTablesRootThroughSql(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE gone (id BIGINT)");
      s.executeUpdate("INSERT INTO gone VALUES (1), (2)");
      s.executeUpdate("INSERT INTO gone VALUES (3)");
      s.executeUpdate("DROP TABLE gone");
      s.executeUpdate("CREATE TABLE gone (id BIGINT)");
      s.executeUpdate("INSERT INTO gone VALUES (9)");
      sleep();
      assertEquals(List.of("gone|0|true"), JdbcRows.of(c,
          "SELECT table_name, objects_deleted, dry_run FROM TABLE(floe.vacuum_dropped_dry_run())"), "dropped within the hour");
      assertEquals(List.of("gone|4|3|true"), JdbcRows.of(c,
          "SELECT table_name, objects_deleted, versions_expired, dry_run FROM TABLE(floe.vacuum_dropped_dry_run(0))"),
          "two segments and two manifests; versions 0..2 (the DROP was 3)");
      assertEquals(List.of("gone|4|4|false"), JdbcRows.of(c,
          "SELECT table_name, vacuum_version, objects_deleted, dry_run FROM TABLE(floe.vacuum_dropped(0))"));
      assertEquals(List.of("gone|0"), JdbcRows.of(c, "SELECT table_name, objects_deleted FROM TABLE(floe.vacuum_dropped(0))"));
      assertEquals(List.of("9"), JdbcRows.of(c, "SELECT id FROM gone"), "the table created again is untouched");
      c.setReadOnly(true);
      SQLException ro = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM TABLE(floe.vacuum_dropped(0))"));
      assertEquals("25006", ro.getSQLState(), ro.getMessage());
      assertEquals(1, JdbcRows.of(c, "SELECT * FROM TABLE(floe.vacuum_dropped_dry_run(0))").size(), "a dry run only reads");
    }
  }

  static java.util.stream.Stream<String> local() {
    return java.util.stream.Stream.of(TestUrls.mem(), TestUrls.file());
  }

  /** Across summary blocks of 100 versions (format.md §4.11): the first listing writes them, a new connection reads them. */
  @ParameterizedTest
  @MethodSource("local")
  void floeSystemVersionsListsEveryVersionAcrossLogSummaries(String url) throws SQLException {
    String totals = "SELECT COUNT(*), MIN(version), MAX(version), SUM(rows_added), MAX(row_count)"
        + " FROM floe_system.versions WHERE table_name = 'h'";
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE h (id INTEGER)");
      for (int i = 1; i <= 234; i++) {
        s.executeUpdate("INSERT INTO h VALUES (" + i + ")");
      }
      assertEquals(List.of("235|0|234|234|234"), JdbcRows.of(c, totals), "read from the records, summaries written");
    }
    try (Connection c = TestUrls.connect(url)) {
      assertEquals(List.of("235|0|234|234|234"), JdbcRows.of(c, totals), "read from 2 summaries and 35 records");
      assertEquals(List.of("CREATE|0", "APPEND|150", "APPEND|234"), JdbcRows.of(c, "SELECT operation, row_count"
          + " FROM floe_system.versions WHERE table_name = 'h' AND version IN (0, 150, 234) ORDER BY version"));
      assertEquals(List.of("150"), JdbcRows.of(c, "SELECT COUNT(*) FROM TABLE(floe.at_version('h', 150))"));
    }
  }

  private static List<String> rowsOf(PreparedStatement p) throws SQLException {
    try (java.sql.ResultSet rs = p.executeQuery()) {
      return JdbcRows.of(rs);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
