package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sqlline, the command-line SQL client Floe's shell is built on, run non-interactively in its own
 * JVM over a Floe URL: a script creates a table, inserts and selects; the output holds the rows
 * and the process exits 0. A failing statement makes it exit non-zero. The rows it committed are
 * then read back from this JVM, so the script really wrote to the shared store. Views created in
 * either process are read in the other.
 */
class SqllineTest {
  @TempDir Path tmp;

  private ChildJvm.Result sqlline(String url, Path script) throws Exception {
    return ChildJvm.start("sqlline.SqlLine", List.of(
        "-u", url, "-n", S3ProxyServer.ACCESS_KEY, "-p", S3ProxyServer.SECRET_KEY,
        "--fastConnect=true", "--outputformat=csv", "--showHeader=true", "-f", script.toString()))
        .await(120);
  }

  @Test
  void scriptCreatesInsertsAndSelectsOnS3() throws Exception {
    String url = Stores.fresh("s3");
    Path script = tmp.resolve("script.sql");
    Files.writeString(script, String.join("\n",
        "CREATE TABLE fruit (id INT NOT NULL, name VARCHAR, qty BIGINT);",
        "INSERT INTO fruit VALUES (1, 'apple', 10), (2, 'banana', 20), (3, 'cherry', NULL);",
        "SELECT id, name, qty FROM fruit ORDER BY id;",
        "SELECT COUNT(*) AS n, SUM(qty) AS total FROM fruit;",
        "!quit",
        ""));
    ChildJvm.Result r = sqlline(url, script);
    assertEquals(0, r.exitStatus(), r.output());
    String out = r.output();
    assertTrue(out.contains("'id','name','qty'\n'1','apple','10'\n'2','banana','20'\n'3','cherry','null'\n"
        + "3 rows selected"), out);
    assertTrue(out.contains("'n','total'\n'3','30'\n1 row selected"), out);
    assertTrue(out.contains("3 rows affected"), out);
    assertFalse(out.contains("Error:"), out);

    try (Connection c = Stores.connect(url);
        ResultSet rs = c.createStatement().executeQuery("SELECT name, id FROM fruit ORDER BY id")) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      assertEquals(List.of("apple", "banana", "cherry"), names);
    }
  }

  @Test
  void viewsAreSharedBetweenProcesses() throws Exception {
    String url = Stores.fresh("file");
    try (Connection c = Stores.connect(url); java.sql.Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id INT NOT NULL, name VARCHAR)");
      s.executeUpdate("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
      s.executeUpdate("CREATE VIEW odd AS SELECT id, name FROM t WHERE MOD(id, 2) = 1");
    }
    Path script = tmp.resolve("views.sql");
    Files.writeString(script, String.join("\n",
        "SELECT name FROM odd ORDER BY id;",
        "CREATE VIEW even AS SELECT id * 100 AS h FROM t WHERE MOD(id, 2) = 0;",
        "!quit",
        ""));
    ChildJvm.Result r = sqlline(url, script);
    assertEquals(0, r.exitStatus(), r.output());
    assertTrue(r.output().contains("'name'\n'one'\n'three'\n2 rows selected"), r.output());
    try (Connection c = Stores.connect(url);
        ResultSet rs = c.createStatement().executeQuery("SELECT h FROM even")) {
      assertTrue(rs.next(), "the view the other process created");
      assertEquals(200, rs.getInt(1));
      assertFalse(rs.next());
    }
  }

  @Test
  void aFailingStatementStopsTheScriptWithANonZeroStatus() throws Exception {
    String url = Stores.fresh("file");
    Path script = tmp.resolve("bad.sql");
    Files.writeString(script, String.join("\n",
        "CREATE TABLE t (id INT NOT NULL);",
        "INSERT INTO t VALUES (1);",
        "SELECT nosuchcolumn FROM t;",
        "INSERT INTO t VALUES (2);",
        "!quit",
        ""));
    ChildJvm.Result r = sqlline(url, script);
    assertNotEquals(0, r.exitStatus(), r.output());
    assertTrue(r.output().contains("Column 'nosuchcolumn' not found"), r.output());
    assertTrue(r.output().contains("state=42703"), r.output());
    try (Connection c = Stores.connect(url);
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      assertEquals(1, rs.getLong(1), "the statement after the failing one must not have run");
    }
  }
}
