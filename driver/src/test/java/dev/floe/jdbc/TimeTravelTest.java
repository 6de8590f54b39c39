package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading old versions: {@code FOR SYSTEM_TIME AS OF} (literal, {@code ?}, CURRENT_TIMESTAMP),
 * {@code floe.at_version} and {@code floe.at_time}, on every backend: each version reads exactly
 * the rows it had, pushdown still applies, one statement can read a table at two points, and bad
 * read points fail with SQLStates.
 */
@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.MethodSource("dev.floe.jdbc.TestUrls#kinds")
class TimeTravelTest {
  private final String url;
  private Connection c;

  /** A fresh, empty store per test on backend {@code kind} ({@link TestUrls#kinds}). */
  TimeTravelTest(String kind) {
    this.url = TestUrls.fresh(kind);
  }

  @BeforeEach
  void open() throws SQLException {
    c = TestUrls.connect(url);
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  private List<String> rows(String sql) throws SQLException {
    return JdbcRows.of(c, sql);
  }

  private List<String> rows(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return JdbcRows.of(rs);
    }
  }

  private void update(String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private long latestVersion(String table) throws SQLException {
    return Long.parseLong(rows("SELECT version FROM floe_system.tables WHERE table_name = '" + table + "'").get(0));
  }

  /** Statement by statement: the version it committed and the rows the table then had. */
  private Map<Long, List<String>> history() throws SQLException {
    Map<Long, List<String>> expected = new LinkedHashMap<>();
    update("CREATE TABLE h (id INTEGER NOT NULL, name VARCHAR, amount DECIMAL(10,2))");
    expected.put(latestVersion("h"), List.of());
    String[] statements = {
        "INSERT INTO h VALUES (1, 'ann', 10.00), (2, 'bob', 20.00), (3, 'cy', 30.00)",
        "INSERT INTO h VALUES (4, 'dan', 40.00)",
        "INSERT INTO h VALUES (5, 'eve', NULL), (6, 'fin', 60.00)",
        "DELETE FROM h WHERE id = 2",
        "UPDATE h SET amount = amount * 2 WHERE id >= 4",
        "INSERT INTO h VALUES (7, 'gus', 70.00)",
        "ALTER TABLE h ADD COLUMN tag VARCHAR",
        "INSERT INTO h VALUES (8, 'hal', 80.00, 'new')",
        "UPDATE h SET tag = 'old' WHERE id < 4",
        "DELETE FROM h WHERE name LIKE 'e%' OR id = 6",
        "UPDATE h SET name = UPPER(name) WHERE MOD(id, 2) = 1"};
    for (String sql : statements) {
      update(sql);
      long v = latestVersion("h");
      List<String> now = rows("SELECT * FROM h ORDER BY id");
      boolean tagged = rows("SELECT column_count FROM floe_system.tables WHERE table_name = 'h'").get(0).equals("4");
      List<String> padded = new ArrayList<>();
      for (String r : now) {
        padded.add(tagged ? r : r + "|null");
      }
      assertTrue(expected.put(v, padded) == null, "each statement commits one new version: " + sql);
    }
    for (Map.Entry<Long, List<String>> e : expected.entrySet()) {
      if (e.getKey() < 7 && e.getKey() > 0) {
        assertTrue(e.getValue().stream().allMatch(r -> r.endsWith("|null")), "tag was added later");
      }
    }
    return expected;
  }

  @Test
  void everyVersionAndCommitTimeReadsExactlyItsRows() throws SQLException {
    Map<Long, List<String>> expected = history();
    assertEquals(12, expected.size());
    try (PreparedStatement byVersion = c.prepareStatement("SELECT * FROM TABLE(floe.at_version('h', ?)) ORDER BY id")) {
      for (Map.Entry<Long, List<String>> e : expected.entrySet()) {
        assertEquals(e.getValue(), rows("SELECT * FROM TABLE(floe.at_version('h', " + e.getKey() + ")) ORDER BY id"),
            "version " + e.getKey());
        byVersion.setLong(1, e.getKey());
        assertEquals(e.getValue(), rows(byVersion), "version " + e.getKey() + " as a parameter");
      }
    }
    Map<Long, Timestamp> committed = new HashMap<>();
    Map<Timestamp, Integer> sameMillisecond = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT version, committed_at FROM floe_system.versions WHERE table_name = 'h' ORDER BY version")) {
      while (rs.next()) {
        committed.put(rs.getLong(1), rs.getTimestamp(2));
        sameMillisecond.merge(rs.getTimestamp(2), 1, Integer::sum);
      }
    }
    assertEquals(expected.keySet(), committed.keySet());
    int checked = 0;
    try (PreparedStatement asOf = c.prepareStatement("SELECT * FROM h FOR SYSTEM_TIME AS OF ? ORDER BY id");
        PreparedStatement atTime = c.prepareStatement("SELECT * FROM TABLE(floe.at_time('h', ?)) ORDER BY id")) {
      for (Map.Entry<Long, List<String>> e : expected.entrySet()) {
        Timestamp t = committed.get(e.getKey());
        if (sameMillisecond.get(t) > 1) {
          continue; // two commits in one millisecond: the time names the later one
        }
        asOf.setTimestamp(1, t);
        assertEquals(e.getValue(), rows(asOf), "AS OF the commit time of version " + e.getKey());
        atTime.setTimestamp(1, t);
        assertEquals(e.getValue(), rows(atTime), "at_time of version " + e.getKey());
        assertEquals(e.getValue(), rows("SELECT * FROM h FOR SYSTEM_TIME AS OF TIMESTAMP '" + t + "' ORDER BY id"),
            "AS OF a literal for version " + e.getKey());
        if (e.getKey() > 0) {
          asOf.setTimestamp(1, new Timestamp(t.getTime() - 1));
          assertEquals(expected.get(e.getKey() - 1), rows(asOf), "a millisecond before version " + e.getKey());
        }
        checked++;
      }
    }
    assertTrue(checked >= expected.size() / 2, "most commits have a millisecond of their own: " + checked);
    assertEquals(expected.get(latestVersion("h")),
        rows("SELECT * FROM h FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP ORDER BY id"));
  }

  @Test
  void pushdownStillHappensAndColumnsAddedLaterReadNull() throws SQLException {
    history();
    for (String q : List.of("SELECT name FROM h%s WHERE id > 15", "SELECT name, tag FROM h%s",
        "SELECT tag, COUNT(*) FROM h%s WHERE name LIKE 'a%%' GROUP BY tag", "SELECT id FROM h%s ORDER BY id")) {
      String latest = String.join("\n", rows("EXPLAIN PLAN FOR " + String.format(q, "")));
      String old = String.join("\n", rows("EXPLAIN PLAN FOR "
          + String.format(q, " FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01 00:00:00'")));
      assertTrue(old.contains(", at=[2026-01-01 00:00:00])"), old);
      assertEquals(latest, old.replace(", at=[2026-01-01 00:00:00]", ""), "the same pushdown as the latest version");
      assertTrue(latest.contains("filter=[") || !q.contains("WHERE"), latest);
    }
    String plan;
    plan = String.join("\n", rows("EXPLAIN PLAN FOR SELECT COUNT(*) FROM TABLE(floe.at_version('h', 3)) WHERE id > 1"));
    assertTrue(plan.contains("columns=[[id]]") && plan.contains("filter=[") && plan.contains("at=[version 3]"), plan);
    plan = String.join("\n", rows("EXPLAIN PLAN FOR SELECT id FROM h FOR SYSTEM_TIME AS OF ? WHERE name = ?"));
    assertTrue(plan.contains("at=[CAST(?0):TIMESTAMP") && plan.contains("\"param\":1"), plan);
    // version 3: ids 1..6 before the DELETE; tag does not exist yet and reads NULL, also in filters
    assertEquals(List.of("4", "6"), rows("SELECT id FROM TABLE(floe.at_version('h', 3)) WHERE amount > 35 ORDER BY id"));
    assertEquals(List.of("6"), rows("SELECT COUNT(*) FROM TABLE(floe.at_version('h', 3)) WHERE tag IS NULL"));
    assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM TABLE(floe.at_version('h', 3)) WHERE tag = 'old' OR tag > 'a'"));
    assertEquals(List.of("6"), rows("SELECT COUNT(*) FROM TABLE(floe.at_version('h', 3)) WHERE NOT (tag = 'x') OR id > 0"));
    assertEquals(List.of("1|null", "2|null"),
        rows("SELECT id, tag FROM TABLE(floe.at_version('h', 3)) WHERE id < 3 ORDER BY id"));
    assertEquals(List.of("2|old"), rows("SELECT COUNT(*), MIN(tag) FROM h WHERE tag IS NOT NULL AND tag <> 'new'"));
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM TABLE(floe.at_version('h', ?)) WHERE tag = ? ORDER BY id")) {
      ps.setLong(1, 3);
      ps.setString(2, "old");
      assertEquals(List.of(), rows(ps));
      ps.setLong(1, latestVersion("h"));
      assertEquals(List.of("1", "3"), rows(ps));
    }
  }

  @Test
  void oneColumnResultsAreValuesNotArrays() throws SQLException {
    update("CREATE TABLE k (id INTEGER, s VARCHAR)");
    update("INSERT INTO k VALUES (3, 'c'), (1, 'a'), (2, 'b')");
    assertEquals(List.of("1", "2", "3"), rows("SELECT id FROM k ORDER BY id"));
    assertEquals(List.of("c", "b", "a"), rows("SELECT s FROM k ORDER BY s DESC"));
    assertEquals(List.of("1", "2", "3"), rows("SELECT id FROM k FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP ORDER BY id"));
    assertEquals(List.of("1", "2", "3"), rows("SELECT id FROM TABLE(floe.at_version('k', 1)) ORDER BY id"));
    assertEquals(List.of("3"), rows("SELECT id FROM TABLE(floe.at_version('k', 1)) WHERE s = 'c'"));
    assertEquals(List.of("0", "1"), rows("SELECT version FROM floe_system.versions ORDER BY version"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM k ORDER BY id DESC")) {
      assertTrue(rs.next());
      assertEquals(3, rs.getInt(1));
      assertInstanceOf(Integer.class, rs.getObject(1));
    }
  }

  @Test
  void oneStatementReadsNowAndThen() throws SQLException {
    history();
    try (PreparedStatement ps = c.prepareStatement("SELECT n.id, n.amount, o.amount FROM h n"
        + " JOIN h FOR SYSTEM_TIME AS OF ? o ON n.id = o.id WHERE n.amount <> o.amount ORDER BY n.id")) {
      Timestamp v4;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT committed_at FROM floe_system.versions WHERE table_name = 'h' AND version = 4")) {
        assertTrue(rs.next());
        v4 = rs.getTimestamp(1);
      }
      ps.setTimestamp(1, v4); // before the UPDATE that doubled ids 4..6
      assertEquals(List.of("4|80.00|40.00"), rows(ps), "ids 5 (NULL) and 6 (deleted) drop out");
    }
    assertEquals(List.of("1|ann|ANN", "3|cy|CY"), rows("SELECT o.id, o.name, n.name FROM h n"
        + " JOIN TABLE(floe.at_version('h', 5)) o ON n.id = o.id WHERE n.name <> o.name ORDER BY o.id"),
        "gus (7) came later, eve (5) is gone");
    assertEquals(List.of("3|6"), rows("SELECT (SELECT COUNT(*) FROM TABLE(floe.at_version('h', 1))),"
        + " (SELECT COUNT(*) FROM TABLE(floe.at_version('h', 3)))"));
    assertEquals(List.of("3"), rows("SELECT COUNT(*) FROM TABLE(floe.at_version('h', 1)) a"
        + " JOIN TABLE(floe.at_version('h', 1)) b ON a.id = b.id"));
  }

  @Test
  void historicalReadsSeeCommittedVersionsOnlyInsideATransaction() throws SQLException {
    update("CREATE TABLE x (id INTEGER)");
    update("INSERT INTO x VALUES (1)");
    c.setAutoCommit(false);
    update("INSERT INTO x VALUES (2)");
    assertEquals(List.of("2"), rows("SELECT COUNT(*) FROM x"), "the transaction reads its own rows");
    assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM x FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP"));
    assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM TABLE(floe.at_version('x', 1))"));
    c.commit();
    assertEquals(List.of("2"), rows("SELECT COUNT(*) FROM TABLE(floe.at_version('x', 2))"));
    c.setAutoCommit(true);
  }

  @Test
  void oldVersionsFeedWrites() throws SQLException {
    update("CREATE TABLE r (id INTEGER, v VARCHAR)");
    update("INSERT INTO r VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    update("DELETE FROM r WHERE id >= 2");
    update("INSERT INTO r SELECT * FROM TABLE(floe.at_version('r', 1)) WHERE id NOT IN (SELECT id FROM r)");
    assertEquals(List.of("1|a", "2|b", "3|c"), rows("SELECT * FROM r ORDER BY id"), "deleted rows restored");
    update("UPDATE r SET v = 'z' WHERE id IN (SELECT id FROM TABLE(floe.at_version('r', 2)))");
    assertEquals(List.of("1|z", "2|b", "3|c"), rows("SELECT * FROM r ORDER BY id"));
    update("DELETE FROM r WHERE v IN (SELECT v FROM r FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP WHERE id > 2)");
    assertEquals(List.of("1|z", "2|b"), rows("SELECT * FROM r ORDER BY id"));
    assertEquals(List.of("1|a", "2|b", "3|c"), rows("SELECT * FROM TABLE(floe.at_version('r', 1)) ORDER BY id"),
        "history is untouched");
  }

  private SQLException fails(String sql) {
    return assertThrows(SQLException.class, () -> rows(sql), sql);
  }

  @Test
  void badReadPointsFailWithSqlStates() throws SQLException {
    update("CREATE TABLE e (id INTEGER)");
    update("INSERT INTO e VALUES (1)");
    SQLException ex = fails("SELECT * FROM e FOR SYSTEM_TIME AS OF TIMESTAMP '2000-01-01 00:00:00'");
    assertEquals("22023", ex.getSQLState(), ex.getMessage());
    assertInstanceOf(SQLDataException.class, ex);
    assertTrue(ex.getMessage().contains("did not exist at 2000-01-01") && ex.getMessage().contains("first version"),
        ex.getMessage());
    ex = fails("SELECT * FROM TABLE(floe.at_version('e', 7))");
    assertEquals("22023", ex.getSQLState(), ex.getMessage());
    assertTrue(ex.getMessage().contains("no version 7") && ex.getMessage().contains("0 to 1"), ex.getMessage());
    ex = fails("SELECT * FROM TABLE(floe.at_version('e', -1))");
    assertEquals("22023", ex.getSQLState(), ex.getMessage());
    ex = fails("SELECT * FROM TABLE(floe.at_version('nosuch', 0))");
    assertEquals("42P01", ex.getSQLState(), ex.getMessage());
    ex = fails("SELECT * FROM nosuch FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP");
    assertEquals("42P01", ex.getSQLState(), ex.getMessage());
    ex = fails("SELECT * FROM TABLE(floe.at_version(e, 0))");
    assertEquals("42601", ex.getSQLState(), ex.getMessage());
    assertTrue(ex.getMessage().contains("floe.at_version('t', 42)"), ex.getMessage());
    ex = fails("SELECT * FROM e FOR SYSTEM_TIME AS OF 5");
    assertTrue(ex.getSQLState().startsWith("42"), ex.getSQLState() + " " + ex.getMessage());
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM TABLE(floe.at_version('e', ?))")) {
      ps.setNull(1, java.sql.Types.BIGINT);
      ex = assertThrows(SQLException.class, ps::executeQuery);
      assertEquals("22023", ex.getSQLState(), ex.getMessage());
      assertTrue(ex.getMessage().contains("NULL"), ex.getMessage());
      ps.setLong(1, 99);
      ex = assertThrows(SQLException.class, ps::executeQuery);
      assertEquals("22023", ex.getSQLState(), ex.getMessage());
      ps.setLong(1, 1);
      assertEquals(List.of("1"), rows(ps), "the statement still works after failed executions");
    }
    update("DROP TABLE e");
    update("CREATE TABLE e (id INTEGER)");
    ex = fails("SELECT * FROM TABLE(floe.at_version('e', 1))");
    assertEquals("22023", ex.getSQLState(), "a re-created table starts a new history: " + ex.getMessage());
  }
}
