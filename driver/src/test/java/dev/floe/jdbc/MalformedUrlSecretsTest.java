package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Malformed URLs that hold a secret (in the location's user information, a mistyped key, a bad
 * %-escape, a value cut by an unencoded {@code &}) fail with 08001 and the secret appears in no
 * message, cause, suppressed exception or {@code toString}.
 */
class MalformedUrlSecretsTest {
  private static final String M = "wJ4lrXUtnFEMI7K7MDENGbPxRfiCY9xq";

  /** Each fails when parsed; M is the secret. */
  static final List<String> URLS = List.of(
      "jdbc:floe:s3://AKIA:" + M + "@bucket/p?endpoint=http://127.0.0.1:9",
      "jdbc:floe:s3://AKIA:" + M + "@bucket",
      "jdbc:floe:s3://" + M + "@bucket/p",
      "jdbc:floe:s3://AKIA:" + M + "@",
      "jdbc:floe:s3://AKIA:" + M + "@bucket/p?password=" + M,
      "jdbc:floe:S3://AKIA:" + M + "@bucket/p",
      "jdbc:floe:AKIA:" + M + "@bucket/p",
      "jdbc:floe:ftp://AKIA:" + M + "@host/p",
      "jdbc:floe:s3://bucket/p?pasword=" + M,
      "jdbc:floe:s3://bucket/p?passwd=" + M,
      "jdbc:floe:s3://bucket/p?secret=" + M + "&region=eu",
      "jdbc:floe:s3://bucket/p?aws_secret_access_key=" + M,
      "jdbc:floe:s3://bucket/p?Password=" + M + "&bogus=1",
      "jdbc:floe:s3://bucket/p?password=ab&" + M + "=cd",
      "jdbc:floe:s3://bucket/p?password=ab&" + M,
      "jdbc:floe:s3://bucket/p?password=ab&" + M.replaceAll("\\d", "") + "=1",
      "jdbc:floe:s3://bucket/p?" + M + "=1",
      "jdbc:floe:s3://bucket/p?" + M,
      "jdbc:floe:s3://bucket/p?password=" + M + "%ZZ",
      "jdbc:floe:s3://bucket/p?password=%ZZ" + M,
      "jdbc:floe:s3://bucket/p?password=" + M + "%",
      "jdbc:floe:s3://bucket/p?password=" + M + "%e2%82",
      "jdbc:floe:s3://bucket/p?pasword=" + M + "%ZZ",
      "jdbc:floe:s3://bucket/p?" + M + "%ZZ=1",
      "jdbc:floe:s3://bucket/p?%ZZ=" + M,
      "jdbc:floe:s3://bucket/p?%ZZ" + M,
      "jdbc:floe:s3://bucket/p?endpoint=http://AKIA:" + M + "@127.0.0.1:9",
      "jdbc:floe:s3://bucket/p?endpoint=%ZZ" + M,
      "jdbc:floe:s3://bucket/p?password=" + M + "&readOnly=maybe",
      "jdbc:floe:s3://bucket/p?password=" + M + "&maxRetries=lots",
      "jdbc:floe:s3://bucket/p?user=AKIA&password=" + M + "&pathStyle=nope",
      "jdbc:floe:s3://bucket/p?password=" + M + "&endpont=http://x",
      "jdbc:floe:mem:x?password=" + M + "&allowedDirectories=/no/such/folder/anywhere",
      "jdbc:floe:mem:x?password=" + M + "&readOnly=%ZZ");

  @Test
  void noMalformedUrlShowsItsSecret() throws Exception {
    FloeDriver driver = new FloeDriver();
    for (String url : URLS) {
      for (Properties info : List.of(new Properties(), withPassword())) {
        SQLException e = assertThrows(SQLException.class, () -> driver.connect(url, info), url);
        check(url, e);
        check(url, assertThrows(SQLException.class, () -> driver.getPropertyInfo(url, info), url));
      }
      check(url, assertThrows(SQLException.class, () -> DriverManager.getConnection(url), url));
    }
  }

  private static Properties withPassword() {
    Properties p = new Properties();
    p.setProperty("user", "AKIA");
    p.setProperty("password", M);
    return p;
  }

  private static void check(String url, SQLException e) {
    assertEquals("08001", e.getSQLState(), url + ": " + e);
    assertInstanceOf(SQLNonTransientConnectionException.class, e, url);
    assertNotNull(e.getMessage());
    String all = ExternalFileAccessTest.everything(e);
    assertFalse(all.contains(M), url + " shows the secret: " + all);
    assertFalse(all.contains(M.substring(0, 12)), url + " shows part of the secret: " + all);
  }

  @Test
  void theMessagesStillSayWhatIsWrong() {
    String typo = message("jdbc:floe:s3://bucket/p?pasword=" + M);
    assertTrue(typo.contains("'pasword'") && typo.contains("did you mean 'password'"), typo);
    String bogus = message("jdbc:floe:s3://bucket/p?bogus=1&password=" + M);
    assertTrue(bogus.contains("'bogus'"), bogus);
    String afterSecret = message("jdbc:floe:s3://bucket/p?password=ab&cdef=1");
    assertFalse(afterSecret.contains("cdef"), "a name after a secret may be the secret's rest: " + afterSecret);
    assertTrue(afterSecret.contains("2nd parameter") && afterSecret.contains("%26"), afterSecret);
    String userInfo = message("jdbc:floe:s3://AKIA:" + M + "@bucket/p");
    assertTrue(userInfo.contains("credentials") && userInfo.contains("user and password"), userInfo);
    assertTrue(userInfo.contains("s3://****@bucket/p"), userInfo);
    String escape = message("jdbc:floe:s3://bucket/p?password=%ZZ");
    assertTrue(escape.contains("%-escape") && escape.contains("'password'") && escape.contains("%25"), escape);
    String escapeInName = message("jdbc:floe:s3://bucket/p?region=x&%ZZ=1");
    assertTrue(escapeInName.contains("2nd parameter"), escapeInName);
  }

  @Test
  void aSecretGivenProperlyStillConnectsAndIsNotShown() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:floe:mem:ok-" + System.nanoTime() + "?password=" + M
        + "&pathStyle=true")) {
      assertFalse(c.getMetaData().getURL().contains(M), c.getMetaData().getURL());
    }
    // an @ in a mem: name or a file: path is not user information
    FloeUrl.parse("jdbc:floe:mem:a@b", null);
    FloeUrl.parse("jdbc:floe:file:/tmp/a@b/c", null);
  }

  private static String message(String url) {
    return assertThrows(SQLException.class, () -> FloeUrl.parse(url, null), url).getMessage();
  }
}
