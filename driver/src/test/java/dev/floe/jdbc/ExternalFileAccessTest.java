package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection property allowedDirectories: which local files floe.read_csv may open, by default
 * and explicitly, checked on the real path (no escape by {@code ..} or a link) at every open; and
 * CSV errors that never quote a file's content.
 */
class ExternalFileAccessTest {
  private static final String MARKER = "Zq7SECRETvalue9x";

  @TempDir Path root;
  private Path allowed;
  private Path inside;
  private Path outside;

  @BeforeEach
  void files() throws Exception {
    allowed = Files.createDirectories(root.resolve("allowed"));
    inside = Files.writeString(allowed.resolve("in.csv"), "a,b\n1,x\n2,y\n");
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
    outside = Files.writeString(elsewhere.resolve("secret.csv"), "k,v\nkey," + MARKER + "\n");
    Files.createSymbolicLink(allowed.resolve("link.csv"), outside);
    Files.createSymbolicLink(allowed.resolve("linkdir"), elsewhere);
  }

  private static String lit(Path p) {
    return p.toString().replace("'", "''");
  }

  private static String param(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String count(Path p) {
    return count(p.toString());
  }

  private static String count(String p) {
    return "SELECT COUNT(*) FROM TABLE(floe.read_csv('" + p.replace("'", "''") + "'))";
  }

  private static SQLException refused(Connection c, String file) {
    SQLException e = assertThrows(SQLException.class, () -> JdbcRows.of(c, count(file)), file);
    assertEquals("42501", e.getSQLState(), e.getMessage());
    assertInstanceOf(SQLSyntaxErrorException.class, e);
    assertTrue(e.getMessage().contains("allowedDirectories"), "names the property that allows it: " + e.getMessage());
    assertTrue(e.getMessage().contains(file), "names the file: " + e.getMessage());
    assertFalse(everything(e).contains(MARKER), everything(e));
    return e;
  }

  /** The exception as a stack trace prints it: messages, causes and suppressed ones. */
  static String everything(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w + t.toString();
  }

  @Test
  void filesOutsideTheAllowedFoldersAreRefusedAlsoThroughDotDotAndLinks() throws Exception {
    String url = TestUrls.mem() + "?allowedDirectories=" + param(allowed.toString());
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(List.of("2"), JdbcRows.of(c, count(inside)));
      assertEquals(List.of("2"), JdbcRows.of(c, count(allowed.resolve("sub/../in.csv"))), "'..' that stays inside");
      SQLException e = refused(c, outside.toString());
      assertTrue(e.getMessage().contains(allowed.toRealPath().toString()), "says what is allowed: " + e.getMessage());
      refused(c, allowed.resolve("../elsewhere/secret.csv").toString());
      refused(c, allowed.resolve("link.csv").toString());
      refused(c, allowed.resolve("linkdir/secret.csv").toString());
      refused(c, allowed.resolve("linkdir/no-such.csv").toString()); // not "no such file": outside is outside
      refused(c, allowed.toString() + "x/in.csv"); // a sibling whose name starts with the folder's
      refused(c, "/etc/passwd");
      SQLException missing = assertThrows(SQLException.class, () -> JdbcRows.of(c, count(allowed.resolve("none.csv"))));
      assertEquals("58P01", missing.getSQLState(), "a missing file inside is reported missing");
      assertEquals(List.of("1"), JdbcRows.of(c,
          "SELECT COUNT(*) FROM TABLE(floe.read_csv('" + lit(inside) + "', 'a INT, b VARCHAR')) WHERE a = 2"));
    }
  }

  @Test
  void severalFoldersSeparatedByThePathSeparatorAndTheWordsAllAndNone() throws Exception {
    String both = allowed + File.pathSeparator + outside.getParent();
    try (Connection c = DriverManager.getConnection(TestUrls.mem() + "?allowedDirectories=" + param(both))) {
      assertEquals(List.of("1"), JdbcRows.of(c, count(outside)));
      assertEquals(List.of("2"), JdbcRows.of(c, count(inside)));
    }
    try (Connection c = DriverManager.getConnection(TestUrls.mem() + "?allowedDirectories=none")) {
      refused(c, inside.toString());
    }
    try (Connection c = DriverManager.getConnection(TestUrls.mem() + "?readOnly=true&allowedDirectories=*")) {
      assertEquals(List.of("1"), JdbcRows.of(c, count(outside)));
    }
    try (Connection c = DriverManager.getConnection(TestUrls.mem() + "?readOnly=true&allowedDirectories=ALL")) {
      assertEquals(List.of("1"), JdbcRows.of(c, count(outside)));
    }
    SQLException bad = assertThrows(SQLException.class, () -> DriverManager.getConnection(TestUrls.mem()
        + "?allowedDirectories=" + param(root.resolve("no-such-folder").toString())));
    assertEquals("08001", bad.getSQLState(), bad.getMessage());
    assertTrue(bad.getMessage().contains("not an existing folder"), bad.getMessage());
    SQLException file = assertThrows(SQLException.class, () -> DriverManager.getConnection(TestUrls.mem()
        + "?allowedDirectories=" + param(inside.toString())));
    assertEquals("08001", file.getSQLState(), "a file is not a folder: " + file.getMessage());
  }

  @Test
  void writableConnectionsReadAnyFileByDefault() throws Exception {
    try (Connection c = DriverManager.getConnection(TestUrls.mem())) {
      assertEquals(List.of("1"), JdbcRows.of(c, count(outside)));
      assertEquals(List.of("1"), JdbcRows.of(c, count(allowed.resolve("link.csv"))));
    }
  }

  @Test
  void readOnlyAndSnapshotConnectionsReadNoFileUnlessThePropertyIsGiven() throws Exception {
    String url = TestUrls.file();
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().executeUpdate("CREATE TABLE t AS SELECT * FROM TABLE(floe.read_csv('" + lit(inside) + "'))");
      JdbcRows.of(c, "SELECT * FROM TABLE(floe.create_snapshot('s1'))");
    }
    for (String ro : List.of("?readOnly=true", "?snapshot=s1")) {
      try (Connection c = DriverManager.getConnection(url + ro)) {
        SQLException e = refused(c, inside.toString());
        assertTrue(e.getMessage().contains("read-only"), "says why: " + e.getMessage());
        if (Files.isReadable(Path.of("/proc/self/environ"))) {
          refused(c, "/proc/self/environ");
        }
        assertEquals(List.of("2"), JdbcRows.of(c, "SELECT COUNT(*) FROM t"), "the connection itself works");
      }
      try (Connection c = DriverManager.getConnection(url + ro + "&allowedDirectories=" + param(allowed.toString()))) {
        assertEquals(List.of("2"), JdbcRows.of(c, count(inside)), ro + " with the property given");
        refused(c, outside.toString());
      }
    }
  }

  @Test
  void aConnectionMadeReadOnlyLaterRefusesAlsoForStatementsPreparedBefore() throws Exception {
    try (Connection c = DriverManager.getConnection(TestUrls.mem())) {
      PreparedStatement ps = c.prepareStatement(count(outside));
      assertEquals(List.of("1"), JdbcRows.of(c, count(outside)));
      c.setReadOnly(true);
      SQLException e = refused(c, outside.toString());
      assertTrue(e.getMessage().contains("setReadOnly"), e.getMessage());
      SQLException prepared = assertThrows(SQLException.class, () -> ps.executeQuery().next());
      assertEquals("42501", prepared.getSQLState(), "checked when the file is opened, not when prepared: "
          + prepared.getMessage());
      c.setReadOnly(false);
      assertEquals(List.of("1"), JdbcRows.of(c, count(outside)));
    }
    String explicit = TestUrls.mem() + "?allowedDirectories=" + param(outside.getParent().toString());
    try (Connection c = DriverManager.getConnection(explicit)) {
      c.setReadOnly(true);
      assertEquals(List.of("1"), JdbcRows.of(c, count(outside)), "an explicit policy holds whatever the mode");
    }
  }

  @Test
  void errorsOnAFileOfSecretsQuoteNoneOfItsContent() throws Exception {
    Path environ = Files.writeString(root.resolve("environ"),
        "PATH=/usr/bin\0AWS_SECRET_ACCESS_KEY=" + MARKER + "\0HOME=/root\0", StandardCharsets.UTF_8);
    Path secretHeader = Files.writeString(root.resolve("h.csv"), "id," + MARKER + "\n1,2\n");
    Path secretValue = Files.writeString(root.resolve("v.csv"), "id,n\n1,2\n" + MARKER + ",3\n");
    Path ragged = Files.writeString(root.resolve("r.csv"), "id,n\n1,2\n" + MARKER + ",3,4\n");
    Path quoting = Files.writeString(root.resolve("q.csv"), "id,n\n1,\"" + MARKER + "\"x\n");
    Path open = Files.writeString(root.resolve("o.csv"), "id,n\n1,\"" + MARKER + "\n");
    Path date = Files.writeString(root.resolve("d.csv"), "d\n2026-01-01\n" + MARKER + "\n");
    Path hex = Files.writeString(root.resolve("x.csv"), "b\n00ff\n" + MARKER + "\n");
    List<String> statements = List.of(
        "SELECT * FROM TABLE(floe.read_csv('" + lit(environ) + "', 'a VARCHAR, b VARCHAR'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(secretHeader) + "', 'a BIGINT'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(secretHeader) + "', 'a BIGINT, b BIGINT, c BIGINT'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(secretValue) + "', 'id BIGINT, n BIGINT'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(secretValue) + "', 'id BOOLEAN, n BIGINT'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(secretValue) + "', 'id DECIMAL(5,2), n BIGINT'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(secretValue) + "', 'id DOUBLE, n BIGINT'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(ragged) + "'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(quoting) + "'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(open) + "'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(date) + "', 'd DATE'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(date) + "', 'd TIMESTAMP'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(date) + "', 'd TIME'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(date) + "', 'd TIMESTAMPTZ'))",
        "SELECT * FROM TABLE(floe.read_csv('" + lit(hex) + "', 'b VARBINARY'))");
    try (Connection c = DriverManager.getConnection(TestUrls.mem())) {
      for (String sql : statements) {
        SQLException e = assertThrows(SQLException.class, () -> JdbcRows.of(c, sql), sql);
        assertTrue(e.getSQLState().startsWith("22"), sql + ": " + e.getSQLState() + " " + e.getMessage());
        assertFalse(everything(e).contains(MARKER), sql + " echoed the file's content: " + everything(e));
        assertFalse(everything(e).contains("PATH=/usr/bin"), sql + ": " + everything(e));
      }
      SQLException value = assertThrows(SQLException.class, () -> JdbcRows.of(c, statements.get(3)));
      assertTrue(value.getMessage().contains("line 3") && value.getMessage().contains("column 1 (id)")
          && value.getMessage().contains("BIGINT"), "keeps the line, column and type: " + value.getMessage());
      SQLException rag = assertThrows(SQLException.class, () -> JdbcRows.of(c, statements.get(7)));
      assertTrue(rag.getMessage().contains("line 3"), rag.getMessage());
    }
  }
}
