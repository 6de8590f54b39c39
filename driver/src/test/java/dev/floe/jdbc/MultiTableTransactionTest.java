package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bank transfer as a Spring service writes it (two UPDATEs of {@code accounts}, one INSERT into
 * {@code ledger}, prepared statements, autocommit off): visible in both tables at COMMIT and not
 * before; READ COMMITTED statements and REPEATABLE READ transactions never see it in one table
 * without the other (RFC 0005).
 */
@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.MethodSource("dev.floe.jdbc.TestUrls#kinds")
class MultiTableTransactionTest {
  private static final String BALANCED = "SELECT COUNT(*) FROM accounts a WHERE a.balance <> 100"
      + " - COALESCE((SELECT SUM(amount) FROM ledger l WHERE l.from_id = a.id), 0)"
      + " + COALESCE((SELECT SUM(amount) FROM ledger l WHERE l.to_id = a.id), 0)";

  private final String url;

  MultiTableTransactionTest(String kind) {
    this.url = TestUrls.fresh(kind);
  }

  @BeforeEach
  void tables() throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE accounts (id INT NOT NULL, balance BIGINT NOT NULL)");
      s.executeUpdate("CREATE TABLE ledger (from_id INT NOT NULL, to_id INT NOT NULL, amount BIGINT NOT NULL)");
      s.executeUpdate("INSERT INTO accounts VALUES (1, 100), (2, 100), (3, 100)");
    }
  }

  private static void transfer(Connection c, int from, int to, long amount) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement out = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
        PreparedStatement in = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
        PreparedStatement log = c.prepareStatement("INSERT INTO ledger VALUES (?, ?, ?)")) {
      out.setLong(1, amount);
      out.setInt(2, from);
      assertEquals(1, out.executeUpdate());
      in.setLong(1, amount);
      in.setInt(2, to);
      assertEquals(1, in.executeUpdate());
      log.setInt(1, from);
      log.setInt(2, to);
      log.setLong(3, amount);
      assertEquals(1, log.executeUpdate());
    }
  }

  private static long one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void aTransferIsVisibleInBothTablesAtCommitAndNotBefore() throws SQLException {
    try (Connection w = TestUrls.connect(url); Connection r = TestUrls.connect(url)) {
      transfer(w, 1, 2, 30);
      assertEquals(0, one(w, BALANCED), "the writer reads its own changes in both tables");
      assertEquals(1, one(w, "SELECT COUNT(*) FROM ledger"));
      assertEquals(0, one(r, "SELECT COUNT(*) FROM ledger"));
      assertEquals(300, one(r, "SELECT SUM(balance) FROM accounts"));
      assertEquals(0, one(r, BALANCED));
      w.commit();
      assertEquals(List.of("1|70", "2|130", "3|100"), JdbcRows.of(r, "SELECT id, balance FROM accounts ORDER BY id"));
      assertEquals(1, one(r, "SELECT COUNT(*) FROM ledger"));
      assertEquals(0, one(r, BALANCED));
      transfer(w, 2, 3, 5);
      w.rollback();
      assertEquals(1, one(r, "SELECT COUNT(*) FROM ledger"), "a rolled-back transfer leaves nothing");
      assertEquals(0, one(r, BALANCED));
    }
  }

  @Test
  void repeatableReadKeepsOneCutForTheWholeTransaction() throws SQLException {
    try (Connection w = TestUrls.connect(url); Connection r = TestUrls.connect(url)) {
      r.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      r.setAutoCommit(false);
      assertEquals(300, one(r, "SELECT SUM(balance) FROM accounts")); // the cut chooses accounts here
      transfer(w, 1, 2, 30);
      w.commit();
      assertEquals(0, one(r, "SELECT COUNT(*) FROM ledger"), "ledger is held back to match accounts");
      assertEquals(100, one(r, "SELECT balance FROM accounts WHERE id = 1"), "a repeated read");
      r.commit();
      assertEquals(1, one(r, "SELECT COUNT(*) FROM ledger"), "the next transaction reads afresh");
      assertEquals(70, one(r, "SELECT balance FROM accounts WHERE id = 1"));

      r.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      assertEquals(200, one(r, "SELECT SUM(balance) FROM accounts WHERE id < 3"));
      transfer(w, 2, 3, 10);
      w.commit();
      assertEquals(2, one(r, "SELECT COUNT(*) FROM ledger"), "READ COMMITTED: each statement reads afresh");
      r.commit();
    }
  }

  @Test
  void transfersOfDifferentAccountsBothCommitAndTheSameAccountConflicts() throws SQLException {
    try (Connection a = TestUrls.connect(url); Connection b = TestUrls.connect(url)) {
      transfer(a, 1, 2, 10); // all three accounts live in one segment
      SQLException conflict;
      try (PreparedStatement ps = b.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
        b.setAutoCommit(false);
        ps.setLong(1, 1);
        ps.setInt(2, 3);
        assertEquals(1, ps.executeUpdate());
        a.commit();
        b.commit(); // a different row of the same segment: both commit
        assertEquals(List.of("1|90", "2|110", "3|101"), JdbcRows.of(b, "SELECT id, balance FROM accounts ORDER BY id"));
        ps.setLong(1, 5);
        ps.setInt(2, 2);
        assertEquals(1, ps.executeUpdate());
        transfer(a, 2, 1, 7);
        a.commit();
        conflict = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, b::commit, "the same row: 40001");
      }
      assertEquals("40001", conflict.getSQLState());
      b.rollback();
      assertEquals(List.of("1|97", "2|103", "3|101"), JdbcRows.of(b, "SELECT id, balance FROM accounts ORDER BY id"));
      assertEquals(2, one(b, "SELECT COUNT(*) FROM ledger"), "a's two transfers, each once");
    }
  }

  @Test
  void rowsDeletedInPlaceAreGoneFromCountsAndFromMinAndMax() throws SQLException {
    try (Connection c = TestUrls.connect(url)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
        ps.setInt(1, 1);
        assertEquals(1, ps.executeUpdate());
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET balance = balance * ? WHERE id = ?")) {
        ps.setLong(1, 5);
        ps.setInt(2, 3);
        assertEquals(1, ps.executeUpdate());
      }
      c.commit();
      c.setAutoCommit(true);
      assertEquals(2, one(c, "SELECT COUNT(*) FROM accounts"));
      assertEquals(2, one(c, "SELECT COUNT(*) FROM accounts WHERE id >= 0"));
      assertEquals(2, one(c, "SELECT MIN(id) FROM accounts"));
      assertEquals(3, one(c, "SELECT MAX(id) FROM accounts"));
      assertEquals(500, one(c, "SELECT MAX(balance) FROM accounts"));
      assertEquals(600, one(c, "SELECT SUM(balance) FROM accounts"));
      assertEquals(List.of("2|100", "3|500"), JdbcRows.of(c, "SELECT id, balance FROM accounts ORDER BY id"));
    }
  }

  @Test
  void autocommitUpdatesOfDifferentRowsFromTwoConnectionsNeverConflict() throws Exception {
    try (Connection setup = TestUrls.connect(url); Statement s = setup.createStatement()) {
      s.executeUpdate("INSERT INTO accounts VALUES (4, 100), (5, 100), (6, 100)");
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int first = 1 + w; // writer 0: accounts 1, 3, 5; writer 1: 2, 4, 6; both write both segments
        done.add(pool.submit(() -> {
          try (Connection c = TestUrls.connect(url);
              PreparedStatement ps = c.prepareStatement("UPDATE accounts SET balance = ? WHERE id = ?")) {
            for (int i = 0; i < 12; i++) {
              ps.setLong(1, 1_000 + i);
              ps.setInt(2, first + 2 * (i % 3));
              assertEquals(1, ps.executeUpdate()); // a 40001 here fails the test
            }
            return 12;
          }
        }));
      }
      for (var d : done) {
        assertEquals(12, d.get());
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = TestUrls.connect(url)) {
      assertEquals(List.of("1|1009", "2|1009", "3|1010", "4|1010", "5|1011", "6|1011"),
          JdbcRows.of(c, "SELECT id, balance FROM accounts ORDER BY id"));
    }
  }
}
