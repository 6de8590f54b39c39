package dev.floe.jdbc;

import dev.floe.storage.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fresh, empty Floe URLs on every backend for the driver tests: memory, a local folder and S3 (one
 * s3proxy server per test JVM, started on first use on 127.0.0.1, a bucket per URL).
 */
final class TestUrls {
  private static S3ProxyServer s3;

  private TestUrls() {}

  /** The backends, as test parameters: "mem", "file" and "s3". */
  static Stream<String> kinds() {
    return Stream.of("mem", "file", "s3");
  }

  /** A new, empty store's URL on backend {@code kind}. */
  static String fresh(String kind) {
    return switch (kind) {
      case "mem" -> mem();
      case "file" -> file();
      case "s3" -> s3();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** One new URL per backend. */
  static Stream<String> all() {
    return Stream.of(mem(), file(), s3());
  }

  static String mem() {
    return "jdbc:floe:mem:t-" + UUID.randomUUID();
  }

  static String file() {
    try {
      Path dir = Files.createTempDirectory("floe-driver-test");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      return "jdbc:floe:file:" + dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind
    }
  }

  static synchronized String s3() {
    if (s3 == null) {
      s3 = S3ProxyServer.startTransient();
      Runtime.getRuntime().addShutdownHook(new Thread(s3::close));
    }
    String bucket = s3.createBucket("t-" + UUID.randomUUID().toString().substring(0, 8));
    return "jdbc:floe:s3://" + bucket + "/floe?endpoint=" + s3.endpoint() + "&region=us-east-1";
  }

  /** A connection to {@code url} with the s3proxy credentials (ignored by the other backends). */
  static Connection connect(String url) throws SQLException {
    Properties p = new Properties();
    if (url.startsWith("jdbc:floe:s3:")) {
      p.setProperty("user", S3ProxyServer.ACCESS_KEY);
      p.setProperty("password", S3ProxyServer.SECRET_KEY);
    }
    return DriverManager.getConnection(url, p);
  }

  /** The backend's short name, for test display names. */
  static String kind(String url) {
    return url.substring("jdbc:floe:".length(), url.indexOf(':', "jdbc:floe:".length()));
  }

}
