package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.MethodSource("dev.floe.jdbc.TestUrls#kinds")
class ReadOnlyTest {
  private final String url;

  /** A fresh, empty store per test on backend {@code kind} ({@link TestUrls#kinds}). */
  ReadOnlyTest(String kind) {
    this.url = TestUrls.fresh(kind);
  }

  @Test
  void readOnlyConnectionsRefuseEveryWriteWith25006AndStillRead() throws SQLException {
    seedOneRow();
    try (Connection r = TestUrls.connect(url + (url.contains("?") ? "&" : "?") + "readOnly=true"); Statement s = r.createStatement()) {
      assertTrue(r.isReadOnly());
      for (String sql : new String[] {"INSERT INTO t VALUES (2)", " /* c */ -- x\n DELETE FROM t",
          "update t set a = 3", "CREATE TABLE u (a INT)", "DROP TABLE t", "ALTER TABLE t ADD COLUMN b INT"}) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("25006", e.getSQLState(), sql);
      }
      assertThrows(SQLException.class, () -> r.prepareStatement("INSERT INTO t VALUES (?)"));
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1), "nothing was written");
      }
      r.setReadOnly(false);
      s.executeUpdate("INSERT INTO t VALUES (2)");
    }
  }

  /**
   * The refusal is decided from the parsed statement and its plan, before names are resolved: a
   * write to a table that does not exist is 25006, not 42P01, so the store handle (which would
   * refuse too) is never what answers; and the spellings that fooled the old text guard are refused.
   */
  @Test
  void writesAreRefusedFromTheParsedStatementBeforeAnythingIsResolved() throws SQLException {
    seedOneRow();
    try (Connection r = TestUrls.connect(url + (url.contains("?") ? "&" : "?") + "readOnly=true"); Statement s = r.createStatement()) {
      for (String sql : new String[] {"INSERT INTO nosuch VALUES (1)", "DELETE FROM nosuch", "DROP TABLE nosuch",
          "CREATE VIEW w AS SELECT * FROM nosuch", "SELECT * FROM TABLE(floe.vacuum('nosuch'))",
          "SELECT * FROM TABLE(vacuum('t'))", "SELECT * FROM TABLE(\"floe\".\"vacuum\"('t'))",
          "SELECT * FROM TABLE(floe/**/.vacuum('t'))", "-- x\rDROP TABLE t", "-- x\rINSERT INTO t VALUES (2)",
          "-- x\rTRUNCATE TABLE t", "-- x\rALTER TABLE t ADD COLUMN b INT", "-- x\rALTER TABLE nosuch ADD COLUMN b INT"}) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("25006", e.getSQLState(), sql + ": " + e.getMessage());
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1), "the table and its row are still there");
      }
      assertEquals("0", JdbcRows.of(r, "SELECT COUNT(*) FROM floe_system.snapshots").get(0));
    }
  }

  private void seedOneRow() throws SQLException {
    try (Connection w = TestUrls.connect(url); Statement s = w.createStatement()) {
      s.executeUpdate("CREATE TABLE t (a INT)");
      s.executeUpdate("INSERT INTO t VALUES (1)");
    }
  }

  @Test
  void aBadReadOnlyValueIsRefused() {
    SQLException e = assertThrows(SQLException.class, () -> TestUrls.connect(url + (url.contains("?") ? "&" : "?") + "readOnly=maybe"));
    assertEquals("08001", e.getSQLState());
  }
}
