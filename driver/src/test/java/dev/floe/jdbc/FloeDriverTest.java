package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloeDriverTest {

  @Test
  void connectsThroughDriverManagerAndRunsAQuery() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:floe:mem:driver-test");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 + 1 AS two")) {
      assertTrue(rs.next());
      assertEquals(2, rs.getInt("two"));
      assertEquals("floe", c.getSchema());
      assertEquals("Floe", c.getMetaData().getDatabaseProductName());
      assertEquals("Floe JDBC Driver", c.getMetaData().getDriverName());
    }
  }

  @Test
  void autocommitIsOnAndCommitNeedsATransaction() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:floe:mem:driver-test")) {
      assertTrue(c.getAutoCommit());
      assertEquals("25P01", org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, c::commit).getSQLState());
      assertEquals("25P01", org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, c::rollback).getSQLState());
      c.setAutoCommit(false);
      c.rollback();
      c.commit();
    }
  }

  @Test
  void compiledPlanCacheIsOn() throws SQLException {
    DriverManager.getConnection("jdbc:floe:mem:cache").close();
    assertEquals(Integer.parseInt(FloeDriver.PLAN_CACHE_SIZE),
        org.apache.calcite.config.CalciteSystemProperty.BINDABLE_CACHE_MAX_SIZE.value());
  }

  @Test
  void decimalsGoTo38DigitsAndRoundHalfUp() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:floe:mem:types");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CAST('12345678901234567890123456789012345678' AS DECIMAL(38,0)),"
            + " CAST(12.345 AS DECIMAL(12,2)), CAST(-12.345 AS DECIMAL(12,2))")) {
      assertTrue(rs.next());
      assertEquals(new java.math.BigDecimal("12345678901234567890123456789012345678"), rs.getBigDecimal(1));
      assertEquals(new java.math.BigDecimal("12.35"), rs.getBigDecimal(2));
      assertEquals(new java.math.BigDecimal("-12.35"), rs.getBigDecimal(3));
    }
  }

  @Test
  void foreignUrlsGetNull() throws SQLException {
    assertNull(new FloeDriver().connect("jdbc:h2:mem:x", new Properties()));
    assertFalse(new FloeDriver().acceptsURL("jdbc:calcite:"));
  }

  @Test
  void localFolderIsCreatedOnConnect(@TempDir Path tmp) throws SQLException {
    Path dir = tmp.resolve("db");
    try (Connection c = DriverManager.getConnection("jdbc:floe:file:" + dir)) {
      assertTrue(Files.isDirectory(dir));
      assertEquals("jdbc:floe:file:" + dir, c.getMetaData().getURL());
    }
  }

  @Test
  void urlNeverShowsTheSecret() throws SQLException {
    Properties p = new Properties();
    p.setProperty("password", "hunter2-secret");
    try (Connection c = new FloeDriver().connect("jdbc:floe:mem:x?region=r", p)) {
      assertFalse(c.getMetaData().getURL().contains("hunter2"), c.getMetaData().getURL());
      assertFalse(c.toString().contains("hunter2"));
    }
  }

  @Test
  void badUrlIsAConnectionError() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:floe:nowhere"));
    assertTrue(e instanceof SQLNonTransientConnectionException, e.getClass().toString());
    assertEquals("08001", e.getSQLState());
  }

  @Test
  void propertyInfoListsEveryProperty() throws SQLException {
    var info = new FloeDriver().getPropertyInfo("jdbc:floe:mem:x?region=eu", new Properties());
    assertEquals(FloeProperty.values().length, info.length);
    assertEquals("eu", java.util.Arrays.stream(info).filter(i -> i.name.equals("region")).findFirst().orElseThrow().value);
  }
}
