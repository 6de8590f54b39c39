package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Isolation, type map and client info of a connection, on every backend. */
@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.MethodSource("dev.floe.jdbc.TestUrls#kinds")
class ConnectionSettingsTest {
  private final String url;

  ConnectionSettingsTest(String kind) {
    this.url = TestUrls.fresh(kind);
  }

  @Test
  void isolationIsReadCommittedByDefaultAndSetAcceptsExactlyWhatMetadataSupports() throws SQLException {
    try (Connection c = TestUrls.connect(url)) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
      assertEquals(md.getDefaultTransactionIsolation(), c.getTransactionIsolation());
      for (int level : List.of(Connection.TRANSACTION_NONE, Connection.TRANSACTION_READ_UNCOMMITTED,
          Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
          Connection.TRANSACTION_SERIALIZABLE)) {
        int before = c.getTransactionIsolation();
        if (md.supportsTransactionIsolationLevel(level)) {
          c.setTransactionIsolation(level);
          // READ UNCOMMITTED is given as the stronger READ COMMITTED, and says so
          assertEquals(level == Connection.TRANSACTION_READ_UNCOMMITTED ? Connection.TRANSACTION_READ_COMMITTED : level,
              c.getTransactionIsolation());
        } else {
          SQLException e = assertThrows(SQLException.class, () -> c.setTransactionIsolation(level), "level " + level);
          assertTrue(e instanceof SQLFeatureNotSupportedException, e.getClass().toString());
          assertEquals("0A000", e.getSQLState());
          assertTrue(e.getMessage().contains("REPEATABLE READ"), e.getMessage());
          assertEquals(before, c.getTransactionIsolation(), "unchanged");
        }
      }
      assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE));
      assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE));
      assertEquals(Connection.TRANSACTION_REPEATABLE_READ, c.getTransactionIsolation(), "the last level set");
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      assertEquals(List.of("1"), JdbcRows.of(c, "SELECT 1"), "the connection works after the refusals");
      c.commit();
    }
  }

  @Test
  void typeMapIsEmptyAndKeepsWhatIsSet() throws SQLException {
    try (Connection c = TestUrls.connect(url)) {
      Map<String, Class<?>> map = c.getTypeMap();
      assertTrue(map.isEmpty());
      map.put("floe.point", String.class);
      assertTrue(c.getTypeMap().isEmpty(), "a returned map is a copy until set");
      c.setTypeMap(map);
      assertEquals(Map.of("floe.point", String.class), c.getTypeMap());
      c.setTypeMap(Map.of());
      assertTrue(c.getTypeMap().isEmpty());
      SQLException e = assertThrows(SQLException.class, () -> c.setTypeMap(null));
      assertEquals("22023", e.getSQLState());
    }
  }

  @Test
  void clientInfoIsKeptPerConnection() throws SQLException {
    try (Connection a = TestUrls.connect(url); Connection b = TestUrls.connect(url)) {
      assertNull(a.getClientInfo("ApplicationName"));
      assertTrue(a.getClientInfo().isEmpty());
      a.setClientInfo("ApplicationName", "billing");
      a.setClientInfo("ClientUser", "ann");
      assertEquals("billing", a.getClientInfo("ApplicationName"));
      assertEquals(2, a.getClientInfo().size());
      assertNull(b.getClientInfo("ApplicationName"), "another connection has its own");
      a.setClientInfo("ClientUser", null);
      assertNull(a.getClientInfo("ClientUser"), "a null value removes the property");
      Properties all = new Properties();
      all.setProperty("ClientHostname", "h1");
      a.setClientInfo(all);
      assertEquals(all, a.getClientInfo(), "setClientInfo(Properties) replaces them all");
      a.getClientInfo().setProperty("x", "y");
      assertFalse(a.getClientInfo().containsKey("x"), "getClientInfo returns a copy");
      assertEquals(List.of("1"), JdbcRows.of(a, "SELECT 1"));
    }
  }

  @Test
  void aClosedConnectionRefusesTheSettingsWith08003() throws SQLException {
    Connection c = TestUrls.connect(url);
    c.close();
    SQLClientInfoException info = assertThrows(SQLClientInfoException.class, () -> c.setClientInfo("a", "b"));
    assertEquals("08003", info.getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, () -> c.getClientInfo("a")).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, c::getTypeMap).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, c::getTransactionIsolation).getSQLState());
  }
}
