package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The login timeout bounds connecting: an S3 endpoint that accepts TCP connections but never
 * answers fails with 08001 within the timeout, where the store's own timeouts (10 s to connect,
 * 30 s per request, 3 retries) would hold the caller for minutes.
 */
class LoginTimeoutTest {
  private ServerSocket silent;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  @BeforeEach
  void silentEndpoint() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!silent.isClosed()) {
        try {
          accepted.add(silent.accept()); // accepted, read from never, answered never
        } catch (IOException e) {
          return;
        }
      }
    }, "silent-endpoint");
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void close() throws IOException {
    DriverManager.setLoginTimeout(0);
    silent.close();
    for (Socket s : accepted) {
      s.close();
    }
  }

  private String url() {
    return "jdbc:floe:s3://bucket/p?endpoint=http://127.0.0.1:" + silent.getLocalPort() + "&region=us-east-1";
  }

  private static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", "key");
    p.setProperty("password", "secret");
    return p;
  }

  @Test
  void driverManagerLoginTimeoutBoundsConnectingToAnEndpointThatNeverAnswers() {
    DriverManager.setLoginTimeout(1);
    long start = System.nanoTime();
    SQLException e = failsWithin(url());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("login timeout 1 s: 08001 after %d ms%n", millis);
    assertEquals("08001", e.getSQLState(), e.getMessage());
    assertInstanceOf(SQLNonTransientConnectionException.class, e);
    assertTrue(e.getMessage().contains("login timeout"), e.getMessage());
    assertTrue(millis >= 900 && millis < 3_000, millis + " ms");
  }

  @Test
  void theLoginTimeoutPropertyWinsOverDriverManagersAndMayBeFractional() {
    DriverManager.setLoginTimeout(60);
    long start = System.nanoTime();
    SQLException e = failsWithin(url() + "&loginTimeout=0.5");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("loginTimeout=0.5: 08001 after %d ms%n", millis);
    assertEquals("08001", e.getSQLState(), e.getMessage());
    assertTrue(millis < 2_500, millis + " ms");
  }

  /** The connect's failure; fails the test if connecting takes 5 s (without the bound it takes minutes). */
  private static SQLException failsWithin(String url) {
    return assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(SQLException.class, () -> DriverManager.getConnection(url, credentials())));
  }

  @Test
  void aBadLoginTimeoutIsRefused() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(url() + "&loginTimeout=soon", credentials()));
    assertEquals("08001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("loginTimeout"), e.getMessage());
  }

  @Test
  void withALoginTimeoutAGoodStoreStillConnects() throws SQLException {
    DriverManager.setLoginTimeout(5);
    try (java.sql.Connection c = TestUrls.connect(TestUrls.mem())) {
      assertEquals(List.of("1"), JdbcRows.of(c, "SELECT 1"));
    }
  }
}
