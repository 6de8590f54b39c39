package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.floe.storage.testing.S3ProxyServer;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import net.hydromatic.quidem.Command;
import net.hydromatic.quidem.Quidem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every Quidem script in {@code src/test/resources/sql/} through the public JDBC URL, against
 * every backend (memory, a local folder, S3 on an s3proxy started here) with pushdown on, and with
 * pushdown off on the backends {@code -Dfloe.scripts.nopushdown} names ({@code mem} in {@code mvn -B
 * verify}, to keep it under 20 minutes: a plan without pushdown reads every table whole, the same on
 * every store; {@code -Pslt-full} gives {@code mem,file,s3}). A script passes when the output Quidem writes equals the script: same results, same errors.
 * Outputs land in {@code target/quidem/} for diffing. {@code -Dfloe.scripts=errors,dml} runs only
 * the scripts named.
 *
 * <p>Besides Quidem's commands, {@code !sqlstate XXXXX} after an {@code !error} checks the error's
 * SQLState: it runs the failed statement again (reading all its rows) and writes {@code !sqlstate} with the state it
 * gets ({@code !sqlstate none} if the statement now succeeds), so a different state is a diff.
 */
class SqlScriptTest {
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

  private static List<Path> scripts() throws IOException {
    Path root = Path.of("src", "test", "resources", "sql");
    try (Stream<Path> s = Files.list(root)) {
      String only = System.getProperty("floe.scripts", ""); // e.g. -Dfloe.scripts=errors,dml
      List<String> names = only.isBlank() ? List.of() : List.of(only.split(","));
      return s.filter(p -> p.toString().endsWith(".iq"))
          .filter(p -> names.isEmpty() || names.contains(p.getFileName().toString().replace(".iq", "")))
          .sorted().toList();
    }
  }

  private static String freshUrl(String backend) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    switch (backend) {
      case "mem":
        return "jdbc:floe:mem:script-" + id;
      case "file":
        return "jdbc:floe:file:" + dir.resolve("script-" + id);
      default:
        return "jdbc:floe:s3://" + s3.createBucket("script-" + id) + "/db?endpoint=" + s3.endpoint();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyScriptOnEveryBackendWithAndWithoutPushdown() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path script : scripts()) {
      List<String> withoutPushdown = List.of(System.getProperty("floe.scripts.nopushdown", "mem,file,s3").split(","));
      for (String backend : List.of("mem", "file", "s3")) {
        for (boolean pushdown : withoutPushdown.contains(backend) ? List.of(true, false) : List.of(true)) {
          String name = script.getFileName() + " on " + backend + (pushdown ? "" : " without pushdown");
          tests.add(DynamicTest.dynamicTest(name, () -> run(script, backend, pushdown)));
        }
      }
    }
    return tests.stream();
  }

  private static void run(Path script, String backend, boolean pushdown) throws Exception {
    String url = freshUrl(backend) + (backend.equals("s3") ? "&" : "?") + "pushdown=" + pushdown;
    Path out = Path.of("target", "quidem", backend + (pushdown ? "" : "-nopushdown"), script.getFileName().toString());
    Files.createDirectories(out.getParent());
    Properties credentials = new Properties();
    credentials.setProperty("user", S3ProxyServer.ACCESS_KEY);
    credentials.setProperty("password", S3ProxyServer.SECRET_KEY);
    try (Reader in = Files.newBufferedReader(script, StandardCharsets.UTF_8);
        Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      Quidem.ConnectionFactory factory = (name, reference) -> {
        if (!name.equals("floe")) {
          return null;
        }
        Connection c = DriverManager.getConnection(url, credentials);
        return c;
      };
      new Quidem(Quidem.configBuilder().withReader(in).withWriter(w).withConnectionFactory(factory)
          .withCommandHandler(SqlScriptTest::sqlStateCommand).build())
          .execute();
    }
    assertEquals(Files.readString(script), Files.readString(out),
        "output of " + script + " differs; see " + out.toAbsolutePath());
  }

  /** The {@code !sqlstate} command described in the class comment; null for any other line. */
  private static Command sqlStateCommand(List<String> lines, List<String> content, String line) {
    if (!line.startsWith("sqlstate")) {
      return null;
    }
    return new Command() {
      @Override
      public String describe(Context x) {
        return "sqlstate of " + x.previousSqlCommand().sql;
      }

      @Override
      public void execute(Context x, boolean execute) throws Exception {
        String state = "none";
        try (Statement s = x.connection().createStatement()) {
          if (s.execute(x.previousSqlCommand().sql)) {
            try (ResultSet rs = s.getResultSet()) {
              while (rs.next()) {
                // some errors (division by zero, a bad cast) only come while rows are read
              }
            }
          }
        } catch (SQLException e) {
          state = e.getSQLState();
        }
        x.writer().println("!sqlstate " + state);
      }
    };
  }
}
