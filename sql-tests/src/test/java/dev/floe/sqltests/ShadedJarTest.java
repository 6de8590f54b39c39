package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded driver jar, alone on the classpath of a separate plain {@code java} process with no
 * JVM flags, connects through {@link java.sql.DriverManager} and runs a query.
 */
class ShadedJarTest {

  static Path shadedJar() throws IOException {
    Path target = Path.of("..", "driver", "target").toAbsolutePath().normalize();
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(p -> p.getFileName().toString().matches("floe-jdbc-.*-all\\.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no floe-jdbc-*-all.jar in " + target
              + ": run the build through 'mvn verify' so the driver module is packaged first"));
    }
  }

  /**
   * Runs {@code Probe.main} (its body given as lines) from source in a plain {@code java} process
   * with only the shaded jar on the classpath; its argument is a fresh folder. Returns its output.
   */
  private static String runProbe(Path tmp, List<String> jvmFlags, String... body) throws Exception {
    Path probe = tmp.resolve("Probe.java");
    List<String> src = new java.util.ArrayList<>(List.of("import java.sql.*;", "public class Probe {",
        "  public static void main(String[] a) throws Exception {"));
    src.addAll(List.of(body));
    src.addAll(List.of("  }", "}"));
    Files.writeString(probe, String.join("\n", src));
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", shadedJar().toString(), probe.toString(), tmp.resolve("db").toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe process timed out");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void plainJavaProcessConnectsAndQueries(@TempDir Path tmp) throws Exception {
    String out = runProbe(tmp, List.of(),
        "    try (Connection c = DriverManager.getConnection(\"jdbc:floe:file:\" + a[0]);",
        "         ResultSet rs = c.createStatement().executeQuery(\"SELECT 40 + 2\")) {",
        "      rs.next();",
        "      System.out.println(\"answer=\" + rs.getInt(1));",
        "      System.out.println(\"driver=\" + c.getMetaData().getDriverName());",
        "    }");
    assertTrue(out.contains("answer=42"), out);
    assertTrue(out.contains("driver=Floe JDBC Driver"), out);
  }

  /**
   * A bad {@code floe.chunkCacheBytes} refuses the connection with 08001 naming the property (not a
   * failed class initializer), and once the property is fixed the next connection works.
   */
  /** Parquet through the shaded jar alone: parquet-java runs without any Hadoop class (none is bundled). */
  @Test
  void theShadedJarWritesAndReadsParquetWithoutHadoop(@TempDir Path tmp) throws Exception {
    String out = runProbe(tmp, List.of(),
        "    new java.io.File(a[0]).mkdirs();",
        "    try (Connection c = DriverManager.getConnection(\"jdbc:floe:mem:pq\"); Statement s = c.createStatement()) {",
        "      s.execute(\"COPY (SELECT 7 AS id, 'seven' AS name) TO '\" + a[0] + \"/x.parquet' (FORMAT parquet, COMPRESSION zstd)\");",
        "      ResultSet rs = s.executeQuery(\"SELECT name FROM TABLE(floe.read_parquet('\" + a[0] + \"/*.parquet')) WHERE id = 7\");",
        "      rs.next();",
        "      System.out.println(\"name=\" + rs.getString(1));",
        "    }",
        "    try {",
        "      Class.forName(\"org.apache.hadoop.conf.Configuration\");",
        "      System.out.println(\"hadoop bundled\");",
        "    } catch (ClassNotFoundException e) {",
        "      System.out.println(\"no hadoop\");",
        "    }");
    assertTrue(out.contains("name=seven"), out);
    assertTrue(out.contains("no hadoop"), out);
  }

  @Test
  void aBadChunkCacheSizeRefusesTheConnectionWithTheReason(@TempDir Path tmp) throws Exception {
    String out = runProbe(tmp, List.of("-Dfloe.chunkCacheBytes=lots"),
        "    try (Connection c = DriverManager.getConnection(\"jdbc:floe:file:\" + a[0])) {",
        "      System.out.println(\"connected with a bad size\");",
        "    } catch (SQLException e) {",
        "      System.out.println(\"state=\" + e.getSQLState() + \" \" + e.getClass().getSimpleName() + \" \" + e.getMessage());",
        "    }",
        "    System.setProperty(\"floe.chunkCacheBytes\", \"64m\");",
        "    try (Connection c = DriverManager.getConnection(\"jdbc:floe:file:\" + a[0]);",
        "         ResultSet rs = c.createStatement().executeQuery(\"SELECT 40 + 2\")) {",
        "      rs.next();",
        "      System.out.println(\"answer=\" + rs.getInt(1));",
        "    }");
    assertTrue(out.contains("state=08001 SQLNonTransientConnectionException") && out.contains("floe.chunkCacheBytes")
        && out.contains("'lots'"), out);
    assertTrue(out.contains("answer=42"), out);
  }
}
