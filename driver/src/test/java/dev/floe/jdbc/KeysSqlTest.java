package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PRIMARY KEY and UNIQUE through JDBC (RFC 0006; the SQL forms are in sql-tests' keys.iq): a
 * duplicate inside a transaction fails its COMMIT with 23505 and nothing of it lands, a batch with
 * a duplicate commits nothing, the connection and committed rows stay intact after each error, a
 * transaction may delete a key and insert it again, and getIndexInfo reports keys and indexes (a
 * plain CREATE INDEX warns that it builds nothing).
 */
class KeysSqlTest {
  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void aDuplicateInATransactionFailsItsCommitAndNothingOfItLands() throws SQLException {
    String url = TestUrls.mem();
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE k (id INTEGER PRIMARY KEY, v VARCHAR)");
      s.executeUpdate("CREATE TABLE other (x INTEGER)");
      s.executeUpdate("INSERT INTO k VALUES (1, 'a'), (2, 'b')");
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO other VALUES (7)");
      s.executeUpdate("INSERT INTO k VALUES (3, 'c')");
      s.executeUpdate("INSERT INTO k VALUES (2, 'again')");
      SQLException e = assertThrows(SQLException.class, c::commit);
      assertEquals("23505", e.getSQLState(), e.getMessage());
      assertTrue(e instanceof SQLIntegrityConstraintViolationException, e.getClass().toString());
      assertTrue(e.getMessage().contains("{id=2}") && e.getMessage().contains("k_pkey"), e.getMessage());
      c.setAutoCommit(true);
      assertEquals(List.of("1", "2"), rows(c, "SELECT id FROM k ORDER BY id"), "nothing of the transaction landed");
      assertEquals(List.of(), rows(c, "SELECT x FROM other"), "in no table");
      c.setAutoCommit(false);
      s.executeUpdate("DELETE FROM k WHERE id = 2");
      s.executeUpdate("INSERT INTO k VALUES (2, 'new')");
      c.commit(); // a key deleted and inserted again in one transaction is no duplicate
      c.setAutoCommit(true);
      assertEquals(List.of("a", "new"), rows(c, "SELECT v FROM k ORDER BY id"));
    }
  }

  @Test
  void aBatchWithADuplicateCommitsNothingAndTheConnectionGoesOn() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE b (id BIGINT NOT NULL, tag VARCHAR, PRIMARY KEY (id))");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO b VALUES (?, ?)")) {
        for (long id : new long[] {1, 2, 3, 2}) {
          p.setLong(1, id);
          p.setString(2, "t" + id);
          p.addBatch();
        }
        SQLException e = assertThrows(SQLException.class, p::executeBatch);
        assertEquals("23505", e.getSQLState(), e.getMessage());
        assertEquals(List.of("0"), rows(c, "SELECT COUNT(*) FROM b"));
        p.setLong(1, 1);
        p.setString(2, "ok");
        assertEquals(1, p.executeUpdate());
      }
      assertEquals(List.of("ok"), rows(c, "SELECT tag FROM b"));
    }
  }

  @Test
  void getIndexInfoReportsThePrimaryKeyUniqueConstraintsAndIndexes() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE m (id INTEGER PRIMARY KEY, email VARCHAR UNIQUE, city VARCHAR)");
      assertEquals(null, c.getWarnings(), "a key warns of nothing");
      s.executeUpdate("CREATE INDEX m_city ON m (city)");
      java.sql.SQLWarning w = c.getWarnings();
      assertTrue(w != null && w.getMessage().contains("builds nothing") && w.getMessage().contains("min/max"),
          String.valueOf(w));
      DatabaseMetaData md = c.getMetaData();
      List<String> all = new ArrayList<>();
      try (ResultSet rs = md.getIndexInfo(null, "floe", "m", false, true)) {
        while (rs.next()) {
          all.add(rs.getString("INDEX_NAME") + " " + rs.getString("COLUMN_NAME") + " " + rs.getBoolean("NON_UNIQUE"));
        }
      }
      assertEquals(List.of("m_pkey id false", "m_email_key email false", "m_city city true"), all);
      try (ResultSet rs = md.getIndexInfo(null, "floe", "m", true, true)) {
        int n = 0;
        while (rs.next()) {
          assertFalse(rs.getBoolean("NON_UNIQUE"));
          n++;
        }
        assertEquals(2, n, "unique only");
      }
      s.executeUpdate("DROP INDEX m_city ON m");
      try (ResultSet rs = md.getIndexInfo(null, "floe", "m", false, true)) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(2, n, "the dropped index is gone");
      }
    }
  }
}
