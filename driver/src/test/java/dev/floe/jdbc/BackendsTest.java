package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.testing.S3ProxyServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same SQL session through every backend's URL: memory, a local folder, and S3 (s3proxy). */
class BackendsTest {
  private static S3ProxyServer s3;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    s3 = S3ProxyServer.startTransient();
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  static Stream<Arguments> urls() {
    String bucket = s3.createBucket("sql-" + UUID.randomUUID().toString().substring(0, 8));
    return Stream.of(
        Arguments.of("mem", "jdbc:floe:mem:backends-" + UUID.randomUUID()),
        Arguments.of("file", "jdbc:floe:file:" + dir.resolve("db-" + UUID.randomUUID())),
        Arguments.of("s3", "jdbc:floe:s3://" + bucket + "/floe?endpoint=" + s3.endpoint() + "&region=us-east-1"));
  }

  private static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", S3ProxyServer.ACCESS_KEY);
    p.setProperty("password", S3ProxyServer.SECRET_KEY);
    return p;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("urls")
  void ddlDmlAndQueriesWorkAndPersistAcrossConnections(String backend, String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, credentials()); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE trades (id BIGINT NOT NULL, sym VARCHAR, px DECIMAL(10,2))");
      assertEquals(3, s.executeUpdate("INSERT INTO trades VALUES (1, 'A', 1.50), (2, 'B', 2.25), (3, 'A', NULL)"));
      assertEquals(2, s.executeUpdate("INSERT INTO trades SELECT id + 10, sym, px FROM trades WHERE sym = 'A'"));
    }
    try (Connection c = DriverManager.getConnection(url, credentials())) {
      assertEquals(5, count(c, "SELECT COUNT(*) FROM trades"));
      assertEquals(4, count(c, "SELECT COUNT(*) FROM trades WHERE sym = 'A'"));
      assertEquals(2, count(c, "SELECT COUNT(*) FROM trades WHERE px IS NULL"));
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT sym, SUM(px) FROM trades GROUP BY sym ORDER BY sym")) {
        assertTrue(rs.next());
        assertEquals("A", rs.getString(1));
        assertEquals(new java.math.BigDecimal("3.00"), rs.getBigDecimal(2));
        assertTrue(rs.next());
        assertEquals("B", rs.getString(1));
        assertFalse(rs.next());
      }
      try (Statement s = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class,
            () -> s.executeUpdate("CREATE TABLE trades (x INT)"));
        assertEquals("42P07", e.getSQLState(), backend + ": " + e.getMessage());
        s.executeUpdate("DROP TABLE trades");
      }
      SQLException gone = assertThrows(SQLException.class, () -> count(c, "SELECT COUNT(*) FROM trades"));
      assertEquals("42P01", gone.getSQLState());
    }
  }
}
