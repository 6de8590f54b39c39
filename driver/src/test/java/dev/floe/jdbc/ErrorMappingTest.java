package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.MethodSource("dev.floe.jdbc.TestUrls#kinds")
class ErrorMappingTest {
  private final String url;

  /** A fresh, empty store per test on backend {@code kind} ({@link TestUrls#kinds}). */
  ErrorMappingTest(String kind) {
    this.url = TestUrls.fresh(kind);
  }
  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    c = TestUrls.connect(url);
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  private SQLException fails(String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }, sql);
  }

  @Test
  void aQueryFailingInsideItsScanReleasesItsMemoryAndTheConnectionClosesCleanly() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE leaky (id INTEGER NOT NULL, s VARCHAR)");
      s.executeUpdate("INSERT INTO leaky VALUES (1, 'a'), (2, 'b')");
    }
    for (int i = 0; i < 3; i++) {
      SQLException e = fails("SELECT id FROM leaky WHERE s > 1");
      assertEquals("22P02", e.getSQLState(), e.getMessage());
    }
    assertEquals(List.of("1", "2"), JdbcRows.of(c, "SELECT id FROM leaky ORDER BY id"));
    c.close(); // threw XX000 "Memory was leaked by query" when the failed scans stayed open
    c = TestUrls.connect(url);
  }

  @Test
  void syntaxErrorIs42601() {
    SQLException e = fails("SELEC 1");
    assertTrue(e instanceof SQLSyntaxErrorException, e.getClass().toString());
    assertEquals("42601", e.getSQLState());
    e = fails("SELECT 1 FROM");
    assertEquals("42601", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().startsWith("syntax error"), e.getMessage());
  }

  @Test
  void anInlinePrimaryKeyIsASyntaxErrorThatShowsTheTableConstraintForm() throws SQLException {
    SQLException e = assertThrows(SQLException.class,
        () -> c.createStatement().executeUpdate("CREATE TABLE pk (id BIGINT PRIMARY KEY, name VARCHAR)"));
    assertEquals("42601", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(". In CREATE TABLE, write PRIMARY KEY as a table constraint")
        && e.getMessage().contains("PRIMARY KEY (id)"), e.getMessage());
    try (Statement s = c.createStatement()) { // the form the message gives works
      s.executeUpdate("CREATE TABLE pk (id BIGINT, name VARCHAR, PRIMARY KEY (id))");
    }
    try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, "pk")) {
      assertTrue(rs.next());
      assertEquals("id", rs.getString("COLUMN_NAME"));
    }
    assertFalse(fails("SELEC 1").getMessage().contains("table constraint"), "no advice for other errors");
    SQLException forUpdate = fails("SELECT * FROM pk WHERE id = 1 FOR UPDATE");
    assertEquals("42601", forUpdate.getSQLState());
    assertTrue(forUpdate.getMessage().contains("no row locks"), forUpdate.getMessage());
  }

  @Test
  void mergeAndCurrentSchemaAreRefusedWith0A000NotAnInternalError() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE m (id INTEGER, name VARCHAR)");
      s.executeUpdate("INSERT INTO m VALUES (1, 'a')");
    }
    SQLException merge = assertThrows(SQLException.class, () -> c.createStatement().execute("MERGE INTO m USING"
        + " (VALUES (1, 'z')) AS src(id, name) ON m.id = src.id WHEN MATCHED THEN UPDATE SET name = src.name"));
    assertEquals("0A000", merge.getSQLState(), merge.getMessage());
    assertTrue(merge.getMessage().contains("MERGE") && merge.getMessage().length() < 300,
        "one line saying what to do, not the planner's dump: " + merge.getMessage());
    SQLException untyped = assertThrows(SQLException.class, () -> c.prepareStatement("SELECT * FROM m WHERE LOWER(name) = LOWER(?)"));
    assertEquals("42P18", untyped.getSQLState(), untyped.getMessage());
    assertTrue(untyped.getMessage().contains("CAST(? AS VARCHAR)"), untyped.getMessage());
    try (java.sql.PreparedStatement p = c.prepareStatement("SELECT id FROM m WHERE LOWER(name) = LOWER(CAST(? AS VARCHAR))")) {
      p.setString(1, "A");
      assertEquals(List.of("1"), JdbcRows.of(p.executeQuery()), "the form the message gives works");
    }
    SQLException schema = fails("SELECT CURRENT_SCHEMA");
    assertEquals("0A000", schema.getSQLState(), schema.getMessage());
    assertEquals(List.of("1|a"), JdbcRows.of(c, "SELECT * FROM m"), "nothing changed; the connection works on");
  }

  @Test
  void missingTableIs42P01WithPosition() {
    SQLException e = fails("SELECT * FROM nosuch");
    assertTrue(e instanceof SQLSyntaxErrorException);
    assertEquals("42P01", e.getSQLState());
    assertTrue(e.getMessage().contains("'nosuch'") && e.getMessage().contains("line 1, column 15"), e.getMessage());
    assertFalse(e.getMessage().contains("Error while"), e.getMessage());
  }

  @Test
  void missingColumnAndFunction() {
    assertEquals("42703", fails("SELECT x FROM (VALUES (1)) AS t(a)").getSQLState());
    assertEquals("42883", fails("SELECT nosuchfn(1)").getSQLState());
  }

  @Test
  void divisionByZeroIs22012() {
    SQLException e = fails("SELECT a / 0 FROM (VALUES (1)) AS t(a)");
    assertTrue(e instanceof SQLDataException, e.getClass() + ": " + e.getMessage());
    assertEquals("22012", e.getSQLState());
  }

  @Test
  void theConnectionSurvivesErrors() throws SQLException {
    fails("SELEC 1");
    fails("SELECT * FROM nosuch");
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 7")) {
      assertTrue(rs.next());
      assertEquals(7, rs.getInt(1));
    }
  }

  @Test
  void wrappersNavigateAndUnwrap() throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("VALUES 1")) {
      assertSame(c, s.getConnection());
      assertSame(s, rs.getStatement());
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
      ps.setInt(1, 41);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertEquals(42, rs.getInt(1));
      }
      assertSame(c, ps.getConnection());
    }
    assertTrue(c.isWrapperFor(CalciteConnection.class));
    assertTrue(c.unwrap(CalciteConnection.class) instanceof CalciteConnection);
    assertSame(c, c.getMetaData().getConnection());
  }
}
