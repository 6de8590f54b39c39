package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Autocommit off: INSERTs wait for COMMIT, ROLLBACK drops them, the connection reads its own rows. */
@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.MethodSource("dev.floe.jdbc.TestUrls#kinds")
class TransactionTest {
  private final String url;

  /** A fresh, empty store per test on backend {@code kind} ({@link TestUrls#kinds}). */
  TransactionTest(String kind) {
    this.url = TestUrls.fresh(kind);
  }

  @BeforeEach
  void tables() throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE a (id BIGINT NOT NULL, v VARCHAR)");
      s.executeUpdate("CREATE TABLE b (id BIGINT NOT NULL)");
      s.executeUpdate("INSERT INTO a VALUES (1, 'committed')");
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void commitPublishesAndOnlyTheWriterSeesUncommittedRows() throws SQLException {
    try (Connection w = TestUrls.connect(url); Connection r = TestUrls.connect(url)) {
      w.setAutoCommit(false);
      try (Statement s = w.createStatement()) {
        assertEquals(2, s.executeUpdate("INSERT INTO a VALUES (2, 'x'), (3, 'y')"));
        s.executeUpdate("INSERT INTO b VALUES (7)");
      }
      try (PreparedStatement ps = w.prepareStatement("INSERT INTO a VALUES (?, ?)")) {
        ps.setLong(1, 4);
        ps.setString(2, "z");
        ps.addBatch();
        ps.executeBatch(); // a batch inside a transaction waits for the COMMIT too
      }
      assertEquals(4, count(w, "SELECT COUNT(*) FROM a"), "the writer reads its own rows");
      assertEquals(1, count(w, "SELECT COUNT(*) FROM a WHERE v = 'y'"), "with filters pushed into them too");
      assertEquals(1, count(r, "SELECT COUNT(*) FROM a"), "others do not");
      assertEquals(0, count(r, "SELECT COUNT(*) FROM b"));
      w.commit();
      assertEquals(4, count(r, "SELECT COUNT(*) FROM a"));
      assertEquals(1, count(r, "SELECT COUNT(*) FROM b"));
      assertEquals(4, count(w, "SELECT COUNT(*) FROM a"), "nothing counted twice after the commit");
      assertTrue(w.getMetaData().supportsTransactions());
    }
  }

  @Test
  void beginCommitAndRollbackWrittenAsSql() throws SQLException {
    try (Connection w = TestUrls.connect(url); Connection r = TestUrls.connect(url);
        Statement s = w.createStatement()) {
      s.execute("BEGIN");
      assertTrue(!w.getAutoCommit(), "BEGIN turns autocommit off");
      s.executeUpdate("INSERT INTO a VALUES (2, 'x')");
      s.execute("begin work;"); // inside a transaction: nothing happens
      assertEquals(0, count(r, "SELECT COUNT(*) FROM a WHERE id = 2"), "not yet committed");
      assertEquals(0, s.executeUpdate("COMMIT"));
      assertTrue(w.getAutoCommit(), "the transaction BEGIN started ended: autocommit is on again");
      assertEquals(1, count(r, "SELECT COUNT(*) FROM a WHERE id = 2"));

      s.execute("START TRANSACTION");
      s.executeUpdate("INSERT INTO a VALUES (3, 'y')");
      s.executeUpdate("DELETE FROM a WHERE id = 1");
      assertEquals(1, count(w, "SELECT COUNT(*) FROM a WHERE id = 3"), "the writer sees its own insert");
      assertEquals(0, count(w, "SELECT COUNT(*) FROM a WHERE id = 1"), "and its own delete");
      s.execute("  Rollback Transaction ; ");
      assertTrue(w.getAutoCommit());
      assertEquals(2, count(r, "SELECT COUNT(*) FROM a"), "nothing of the rolled back transaction");

      s.execute("COMMIT"); // no transaction in progress: nothing happens
      s.execute("ROLLBACK");
      assertTrue(w.getAutoCommit());

      w.setAutoCommit(false); // a transaction the application opened stays open after COMMIT
      try (PreparedStatement begin = w.prepareStatement("BEGIN"); PreparedStatement commit = w.prepareStatement("COMMIT")) {
        begin.execute();
        s.executeUpdate("INSERT INTO b VALUES (1)");
        commit.execute();
        assertTrue(!w.getAutoCommit(), "JDBC's own autocommit setting is kept");
        assertEquals(1, count(r, "SELECT COUNT(*) FROM b"));
      }
      w.setAutoCommit(true);

      s.execute("BEGIN");
      s.executeUpdate("DELETE FROM a WHERE id = 2");
      try (Statement o = r.createStatement()) {
        o.executeUpdate("DELETE FROM a WHERE id = 2"); // first committer
      }
      SQLException lost = assertThrows(SQLException.class, () -> s.execute("COMMIT"));
      assertEquals("40001", lost.getSQLState(), lost.getMessage());
      assertTrue(w.getAutoCommit(), "a failed COMMIT ends the transaction too");
      assertEquals(1, count(w, "SELECT COUNT(*) FROM a"), "the connection works on");
      SQLException syntax = assertThrows(SQLException.class, () -> s.execute("COMMIT NOW"));
      assertEquals("42601", syntax.getSQLState(), "only the statement forms are taken: " + syntax.getMessage());
    }
  }

  @Test
  void rollbackCloseAndAutocommitOn() throws SQLException {
    try (Connection w = TestUrls.connect(url); Connection r = TestUrls.connect(url)) {
      w.setAutoCommit(false);
      try (Statement s = w.createStatement()) {
        s.executeUpdate("INSERT INTO a VALUES (5, 'dropped')");
      }
      w.rollback();
      assertEquals(1, count(w, "SELECT COUNT(*) FROM a"));
      try (Statement s = w.createStatement()) {
        s.executeUpdate("INSERT INTO a VALUES (6, 'kept')");
      }
      w.setAutoCommit(true); // JDBC: switching autocommit on commits
      assertEquals(2, count(r, "SELECT COUNT(*) FROM a"));
      try (Statement s = w.createStatement()) {
        s.executeUpdate("INSERT INTO a VALUES (7, 'autocommitted')");
      }
      assertEquals(3, count(r, "SELECT COUNT(*) FROM a"));
    }
    try (Connection w = TestUrls.connect(url)) {
      w.setAutoCommit(false);
      try (Statement s = w.createStatement()) {
        s.executeUpdate("INSERT INTO a VALUES (8, 'never committed')");
      }
    }
    try (Connection r = TestUrls.connect(url)) {
      assertEquals(3, count(r, "SELECT COUNT(*) FROM a"), "closing without COMMIT rolls back");
    }
  }
}
