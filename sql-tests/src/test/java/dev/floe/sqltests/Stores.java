package dev.floe.sqltests;

import dev.floe.storage.testing.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fresh, empty Floe URLs for the client tests on every backend: memory, a local folder (deleted
 * when the test JVM exits) and S3 on one s3proxy server per test JVM (started on first use, a
 * bucket per URL). Only the public URL forms are used.
 */
final class Stores {
  private static S3ProxyServer s3;

  private Stores() {}

  /** The backends, as test parameters. */
  static Stream<String> kinds() {
    return Stream.of("mem", "file", "s3");
  }

  /** A new, empty store's URL on backend {@code kind} ("mem", "file" or "s3"). */
  static String fresh(String kind) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    return switch (kind) {
      case "mem" -> "jdbc:floe:mem:client-" + id;
      case "file" -> "jdbc:floe:file:" + tempDir("floe-client-test");
      case "s3" -> "jdbc:floe:s3://" + server().createBucket("client-" + id) + "/db?endpoint=" + server().endpoint();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** The s3proxy server of this JVM, started on first use and stopped when the JVM exits. */
  static synchronized S3ProxyServer server() {
    if (s3 == null) {
      s3 = S3ProxyServer.startTransient();
      Runtime.getRuntime().addShutdownHook(new Thread(s3::close));
    }
    return s3;
  }

  /** The user and password every URL here accepts (the s3proxy keys; ignored by mem and file). */
  static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", S3ProxyServer.ACCESS_KEY);
    p.setProperty("password", S3ProxyServer.SECRET_KEY);
    return p;
  }

  static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, credentials());
  }

  /** A new temporary folder, deleted with its contents when the JVM exits. */
  static Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind
    }
  }
}
