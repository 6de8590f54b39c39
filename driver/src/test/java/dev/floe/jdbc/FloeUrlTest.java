package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.StoreConfig;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FloeUrlTest {
  private static final String SECRET = "s3cr3t-Value-42";

  @Test
  void parsesEachKindOfLocation() throws SQLException {
    assertEquals("mem:test", FloeUrl.parse("jdbc:floe:mem:test", null).location());
    assertEquals("file:./data", FloeUrl.parse("jdbc:floe:file:./data", null).location());
    assertEquals("file:/abs/dir", FloeUrl.parse("jdbc:floe:file:/abs/dir", new Properties()).location());
    FloeUrl s3 = FloeUrl.parse(
        "jdbc:floe:s3://bucket/pre/fix?endpoint=http%3A%2F%2F127.0.0.1%3A9000&region=eu-west-1&pathStyle=false", null);
    assertEquals("s3://bucket/pre/fix", s3.location());
    StoreConfig c = s3.storeConfig();
    assertEquals("http://127.0.0.1:9000", c.endpoint());
    assertEquals("eu-west-1", c.region());
    assertFalse(c.pathStyle());
  }

  @Test
  void foreignUrlsAreNotOurs() {
    assertFalse(FloeUrl.accepts("jdbc:h2:mem:x"));
    assertFalse(FloeUrl.accepts(null));
    assertTrue(FloeUrl.accepts("jdbc:floe:mem:x"));
  }

  @Test
  void urlBeatsPropertiesBeatsDefaults() throws SQLException {
    Properties info = new Properties();
    info.setProperty("region", "from-props");
    info.setProperty("connectTimeout", "3");
    info.setProperty("someToolProperty", "ignored");
    FloeUrl url = FloeUrl.parse("jdbc:floe:s3://b?region=from-url", info);
    assertEquals("from-url", url.get(FloeProperty.REGION));
    assertEquals("3", url.get(FloeProperty.CONNECT_TIMEOUT));
    assertEquals("30", url.get(FloeProperty.REQUEST_TIMEOUT));
    StoreConfig c = url.storeConfig();
    assertEquals(Duration.ofSeconds(3), c.connectTimeout());
    assertEquals(Duration.ofSeconds(30), c.requestTimeout());
    assertEquals(4, c.retry().maxAttempts());
    assertEquals("us-east-1", FloeUrl.parse("jdbc:floe:s3://b", null).get(FloeProperty.REGION));
  }

  @Test
  void credentialsComeFromUserAndPassword() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "AKIA");
    info.setProperty("password", SECRET);
    StoreConfig c = FloeUrl.parse("jdbc:floe:s3://b/p", info).storeConfig();
    assertEquals("AKIA", c.credentials().accessKey());
    assertEquals(SECRET, c.credentials().secretKey());
    assertFalse(c.toString().contains(SECRET), c.toString());
  }

  @Test
  void secretsNeverShow() throws SQLException {
    String raw = "jdbc:floe:s3://b/p?password=" + SECRET + "&region=r";
    FloeUrl url = FloeUrl.parse(raw, null);
    assertFalse(url.toString().contains(SECRET), url.toString());
    assertFalse(url.redacted().contains(SECRET), url.redacted());
    assertEquals("jdbc:floe:s3://b/p?region=r", url.redacted());
    SQLException e = assertThrows(SQLException.class,
        () -> FloeUrl.parse("jdbc:floe:s3://b/p?bogus=1&password=" + SECRET, null));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
  }

  @Test
  void badUrlsFailWithConnectionStateAndSayWhatToDo() {
    for (String bad : new String[] {"jdbc:floe:", "jdbc:floe:mem:", "jdbc:floe:ftp://x", "jdbc:floe:s3://",
        "jdbc:floe:s3://b?endpont=http://x", "jdbc:floe:s3://b?pathStyle=maybe",
        "jdbc:floe:s3://b?connectTimeout=-1", "jdbc:floe:s3://b?maxRetries=lots"}) {
      SQLException e = assertThrows(SQLException.class, () -> FloeUrl.parse(bad, null), bad);
      assertTrue(e instanceof SQLNonTransientConnectionException, bad + ": " + e.getClass());
      assertEquals("08001", e.getSQLState(), bad);
      assertTrue(e.getMessage().length() > 40, e.getMessage());
    }
  }

  @Test
  void propertyInfoHidesSecretValues() throws SQLException {
    Properties info = new Properties();
    info.setProperty("password", SECRET);
    for (FloeProperty p : FloeProperty.values()) {
      var i = p.info(info);
      assertEquals(p.key(), i.name);
      assertTrue(i.description != null && !i.description.isEmpty());
      if (p.secret()) {
        assertNull(i.value);
      }
    }
    assertEquals(FloeProperty.PATH_STYLE, FloeProperty.forKey("PATHSTYLE"));
  }
}
