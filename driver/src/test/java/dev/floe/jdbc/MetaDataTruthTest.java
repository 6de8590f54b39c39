package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What DatabaseMetaData tells a BI tool is true of the connection it came from. */
class MetaDataTruthTest {
  @Test
  void isReadOnlyFollowsTheConnection() throws SQLException {
    String url = TestUrls.mem();
    try (Connection c = DriverManager.getConnection(url)) {
      DatabaseMetaData md = c.getMetaData();
      assertFalse(md.isReadOnly(), "a writable connection (tools refuse to edit on true)");
      c.setReadOnly(true);
      assertTrue(md.isReadOnly());
      c.setReadOnly(false);
      assertFalse(md.isReadOnly());
    }
    try (Connection c = DriverManager.getConnection(url + "?readOnly=true")) {
      assertTrue(c.getMetaData().isReadOnly());
    }
  }

  @Test
  void internalFunctionsAreNotListedAndTimeTravelStillFindsThem() throws SQLException {
    try (Connection c = DriverManager.getConnection(TestUrls.mem()); Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getFunctions(null, null, "%")) {
        while (rs.next()) {
          names.add(rs.getString("FUNCTION_NAME"));
        }
      }
      assertTrue(names.contains("vacuum"), names.toString());
      assertTrue(names.stream().noneMatch(n -> n.startsWith("$")), names.toString());
      s.executeUpdate("CREATE TABLE t (a INT)");
      s.executeUpdate("INSERT INTO t VALUES (1)");
      s.executeUpdate("INSERT INTO t VALUES (2)");
      assertEquals(List.of("1"), JdbcRows.of(c, "SELECT COUNT(*) FROM TABLE(floe.at_version('t', 1))"));
      s.executeQuery("SELECT * FROM TABLE(floe.create_snapshot('s'))").close();
      assertEquals(List.of("2"), JdbcRows.of(c, "SELECT COUNT(*) FROM TABLE(floe.at_snapshot('t', 's'))"));
    }
  }

  @Test
  void datetimeColumnSizesAreTheLengthOfTheirText() throws SQLException {
    try (Connection c = DriverManager.getConnection(TestUrls.mem()); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (ts TIMESTAMP, tm TIME, d DATE)");
      List<String> cols = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, null, "t", "%")) {
        while (rs.next()) {
          cols.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("COLUMN_SIZE") + " " + rs.getInt("DECIMAL_DIGITS"));
        }
      }
      assertEquals(List.of("ts 23 3", "tm 12 3", "d 10 0"), cols);
    }
  }
}
