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
    try (Connection w = TestUrls.connect(url); Statement s = w.createStatement()) {
      s.executeUpdate("CREATE TABLE t (a INT)");
      s.executeUpdate("INSERT INTO t VALUES (1)");
    }
    try (Connection r = TestUrls.connect(url + (url.contains("?") ? "&" : "?") + "readOnly=true"); Statement s = r.createStatement()) {
      assertTrue(r.isReadOnly());
      for (String sql : new String[] {"INSERT INTO t VALUES (2)", " /* c */ -- x\n (DELETE FROM t)",
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

  @Test
  void aBadReadOnlyValueIsRefused() {
    SQLException e = assertThrows(SQLException.class, () -> TestUrls.connect(url + (url.contains("?") ? "&" : "?") + "readOnly=maybe"));
    assertEquals("08001", e.getSQLState());
  }
}
