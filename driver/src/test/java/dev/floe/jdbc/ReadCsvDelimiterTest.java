package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * floe.read_csv's separator: sniffed from the first lines (a ';', tab or '|' file is read as its
 * columns, not as one column), or given by name ({@code delim => ';'}) or position.
 */
class ReadCsvDelimiterTest {
  @TempDir Path dir;

  private String csv(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p.toString().replace("'", "''");
  }

  private static List<String> columns(Connection c, String from) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + from)) {
      List<String> names = new java.util.ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        names.add(rs.getMetaData().getColumnName(i) + " " + rs.getMetaData().getColumnTypeName(i));
      }
      return names;
    }
  }

  @Test
  void semicolonTabAndPipeFilesAreSniffedFromTheirFirstLines() throws Exception {
    String semi = csv("semi.csv", "a;b;note\n1;2,5;\"x;y\"\n3;4,0;z\n");
    String tab = csv("tab.tsv", "a\tb\n1\tx\n2\ty\n");
    String pipe = csv("pipe.csv", "a|b|c\n1|2|3\n");
    String comma = csv("comma.csv", "a,b\n1,\"x;y;z\"\n2,\"p;q\"\n");
    String one = csv("one.csv", "only\n1\n2\n");
    try (Connection c = DriverManager.getConnection(TestUrls.mem())) {
      assertEquals(List.of("a BIGINT", "b VARCHAR", "note VARCHAR"), columns(c, "TABLE(floe.read_csv('" + semi + "'))"));
      assertEquals(List.of("1|2,5|x;y", "3|4,0|z"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_csv('" + semi + "')) ORDER BY a"));
      assertEquals(List.of("1|x", "2|y"), JdbcRows.of(c, "SELECT a, b FROM TABLE(floe.read_csv('" + tab + "')) ORDER BY a"));
      assertEquals(List.of("1|2|3"), JdbcRows.of(c, "SELECT a, b, c FROM TABLE(floe.read_csv('" + pipe + "'))"));
      assertEquals(List.of("1|x;y;z", "2|p;q"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_csv('" + comma + "')) ORDER BY a"),
          "separators inside quotes do not count");
      assertEquals(List.of("only BIGINT"), columns(c, "TABLE(floe.read_csv('" + one + "'))"));
    }
  }

  @Test
  void aGivenSeparatorWinsByNameOrByPosition() throws Exception {
    String f = csv("f.csv", "a;b\n1;x,y\n");
    try (Connection c = DriverManager.getConnection(TestUrls.mem())) {
      assertEquals(List.of("1|x,y"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_csv(path => '" + f + "', delim => ';'))"));
      assertEquals(List.of("1|x,y"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_csv('" + f + "', delim => ';'))"),
          "a positional path and a named delim");
      assertEquals(List.of("1|x,y"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_csv('" + f + "', delim = ';'))"),
          "DuckDB's spelling");
      assertEquals(List.of("1|x,y"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_csv('" + f + "', 'a INT, b VARCHAR',"
          + " DELIM = ';'))"));
      String g = csv("g.csv", "a;b\n1;x\n");
      assertEquals(List.of("1;x"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_csv(path => '" + g + "', delim => ','))"),
          "as told, even where sniffing would choose otherwise");
      assertEquals(List.of("1|x,y"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_csv('" + f + "', 'a INT, b VARCHAR', ';'))"));
      String tab = csv("t.tsv", "a\tb\n1\t2\n");
      assertEquals(List.of("1|2"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_csv(path => '" + tab + "', delim => '\\t'))"));
      SQLException bad = assertThrows(SQLException.class, () -> JdbcRows.of(c,
          "SELECT * FROM TABLE(floe.read_csv(path => '" + f + "', delim => ';;'))"));
      assertEquals("22023", bad.getSQLState(), bad.getMessage());
      assertTrue(bad.getMessage().contains("delim"), bad.getMessage());
    }
  }
}
