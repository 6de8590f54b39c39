package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded driver jar inside an application: it bundles no SLF4J provider, so it logs through the
 * application's (exactly one provider, no "multiple SLF4J providers" warning) and, in an
 * application without one, prints nothing at all (no "No SLF4J providers" warning either).
 */
class ShadedJarLoggingTest {
  private record Run(int status, String out, String err) {}

  /** Runs a small application (connect, create, insert, query, log one line) on {@code classPath}. */
  private static Run app(Path tmp, String classPath) throws Exception {
    Path probe = tmp.resolve("App.java");
    Files.writeString(probe, String.join("\n",
        "import java.sql.*;",
        "public class App {",
        "  public static void main(String[] a) throws Exception {",
        "    try (Connection c = DriverManager.getConnection(\"jdbc:floe:file:\" + a[0]);",
        "         Statement s = c.createStatement()) {",
        "      s.execute(\"CREATE TABLE t (id INTEGER)\");",
        "      s.execute(\"INSERT INTO t VALUES (1), (2)\");",
        "      ResultSet rs = s.executeQuery(\"SELECT SUM(id) FROM t\");",
        "      rs.next();",
        "      System.out.println(\"sum=\" + rs.getInt(1));",
        "    }",
        "    org.slf4j.LoggerFactory.getLogger(\"App\").warn(\"the application's own log line\");",
        "  }",
        "}"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, probe.toString(), tmp.resolve("db").toString()));
    Process p = new ProcessBuilder(command).redirectError(tmp.resolve("err.txt").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the application timed out");
    return new Run(p.exitValue(), out, Files.readString(tmp.resolve("err.txt")));
  }

  /** slf4j-simple from the local Maven repository, next to the slf4j-api this build uses. */
  private static Path slf4jSimple() {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path api = Path.of(entry);
      String name = api.getFileName().toString();
      if (name.startsWith("slf4j-api-") && name.endsWith(".jar")) {
        String version = api.getParent().getFileName().toString();
        Path simple = api.getParent().getParent().getParent()
            .resolve("slf4j-simple").resolve(version).resolve("slf4j-simple-" + version + ".jar");
        assertTrue(Files.isRegularFile(simple), "slf4j-simple is in the local repository: " + simple);
        return simple;
      }
    }
    throw new AssertionError("no slf4j-api on the test class path");
  }

  @Test
  void anApplicationWithoutAnSlf4jProviderSeesNothingOnStandardError(@TempDir Path tmp) throws Exception {
    Run r = app(tmp, ShadedJarTest.shadedJar().toString());
    assertEquals(0, r.status, r.out + r.err);
    assertTrue(r.out.contains("sum=3"), r.out);
    assertEquals("", r.err, "nothing on standard error: no SLF4J warning, no driver log");
  }

  @Test
  void anApplicationsOwnProviderIsTheOnlyOne(@TempDir Path tmp) throws Exception {
    Run r = app(tmp, ShadedJarTest.shadedJar() + File.pathSeparator + slf4jSimple());
    assertEquals(0, r.status, r.out + r.err);
    assertTrue(r.out.contains("sum=3"), r.out);
    assertFalse(r.err.contains("multiple SLF4J providers"), r.err);
    assertFalse(r.err.contains("No SLF4J providers"), r.err);
    assertTrue(r.err.contains("WARN App - the application's own log line"), "the application's provider logs: " + r.err);
  }
}
