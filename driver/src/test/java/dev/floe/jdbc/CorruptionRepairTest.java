package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 25 through JDBC on a local folder: an emptied newest log record fails the statements that
 * need it with XX001 naming it, older versions stay readable, floe_system.tables shows the damage,
 * floe.repair('t') makes the table writable again, DROP works, and a garbage floe.json is XX001.
 */
class CorruptionRepairTest {
  private static List<String> rows(Connection c, String sql) throws SQLException {
    return JdbcRows.of(c, sql);
  }

  private static SQLException xx001(Connection c, String sql, String key) {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Statement s = c.createStatement()) {
        if (s.execute(sql)) {
          try (ResultSet rs = s.getResultSet()) {
            while (rs.next()) {
              // drain
            }
          }
        }
      }
    }, sql);
    assertEquals("XX001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(key), e.getMessage());
    return e;
  }

  private static Path record(Path dir, String table, long v) throws Exception {
    String b32 = switch (table) {
      case "t" -> "oq";
      case "u" -> "ou";
      default -> throw new IllegalArgumentException(table);
    };
    try (Stream<Path> s = Files.list(dir.resolve("tables"))) {
      Path root = s.filter(p -> p.getFileName().toString().startsWith(b32 + ".")).findFirst().orElseThrow();
      return root.resolve("log").resolve(String.format("%020d.json", v));
    }
  }

  @Test
  void anEmptiedNewestRecordIsRepairedNotBricking() throws Exception {
    String url = TestUrls.file();
    Path dir = Path.of(url.substring("jdbc:floe:file:".length()));
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT)");
      s.execute("INSERT INTO t VALUES (1), (2), (3)");
      s.execute("INSERT INTO t VALUES (4), (5)");
      s.execute("CREATE TABLE u (id BIGINT)");
      s.execute("INSERT INTO u VALUES (1)");
    }
    Path t2 = record(dir, "t", 2);
    Files.write(t2, new byte[0]);
    Files.write(record(dir, "u", 1), "garbage".getBytes());
    String key = dir.relativize(t2).toString();
    try (Connection c = DriverManager.getConnection(url)) {
      xx001(c, "SELECT COUNT(*) FROM t", key);
      SQLException w = xx001(c, "INSERT INTO t VALUES (6)", key);
      assertTrue(w.getMessage().contains("floe.repair"), w.getMessage());
      assertEquals(List.of("3"), rows(c, "SELECT COUNT(*) FROM TABLE(floe.at_version('t', 1))"));
      assertEquals(List.of("t|damaged", "u|damaged"),
          rows(c, "SELECT table_name, status FROM floe_system.tables ORDER BY table_name"));
      try (Connection r = DriverManager.getConnection(url + "?readOnly=true")) {
        SQLException e = assertThrows(SQLException.class, () -> rows(r, "SELECT * FROM TABLE(floe.repair('t'))"));
        assertEquals("25006", e.getSQLState(), e.getMessage()); // a repair writes
        assertEquals(List.of("3"), rows(r, "SELECT COUNT(*) FROM TABLE(floe.at_version('t', 1))"));
      }
      assertEquals(List.of("t|2|1|3|true"),
          rows(c, "SELECT table_name, head_version, good_version, repair_version, repaired FROM TABLE(floe.repair('t'))"));
      assertEquals(List.of("3"), rows(c, "SELECT COUNT(*) FROM t"));
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO t VALUES (6)");
        s.execute("DROP TABLE u");
      }
      assertEquals(List.of("4"), rows(c, "SELECT COUNT(*) FROM t"));
      assertEquals(List.of("t|ok"), rows(c, "SELECT table_name, status FROM floe_system.tables"));
      assertEquals(List.of("t|false"), rows(c, "SELECT table_name, repaired FROM TABLE(floe.repair('t'))"));
    }
    Files.write(dir.resolve("floe.json"), "{garbage".getBytes());
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close());
    assertEquals("XX001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("floe.json"), e.getMessage());
  }
}
