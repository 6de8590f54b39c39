package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code floe.read_csv}: header names, type inference, declared types, and bad files that commit nothing. */
class ReadCsvTest {
  @TempDir Path dir;

  private String csv(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p.toString().replace("'", "''");
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void createTableAsReadCsvInfersTypesFromEveryValue(String url) throws Exception {
    String f = csv("ticks.csv", "\uFEFFTs,Symbol,Price,Qty,Ok,Dt,Note,\"Unit price\"\n"
        + "2026-01-02 09:30:00,ABC,10.5,100,true,2026-01-02,,1\n"
        + "2026-01-02 09:30:01.250,\"X,Y\",11,200,FALSE,2026-01-03 12:00,\"\",2\n"
        + "2026-01-02T09:30:02,ABC,-3e2,,true,,\"say \"\"hi\"\"\nthere\",x\n");
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE ticks AS SELECT * FROM TABLE(floe.read_csv('" + f + "'))");
      try (ResultSet rs = s.executeQuery("SELECT * FROM ticks")) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> names = List.of("ts", "symbol", "price", "qty", "ok", "dt", "note", "unit_price");
        List<Integer> types = List.of(Types.TIMESTAMP, Types.VARCHAR, Types.DOUBLE, Types.BIGINT, Types.BOOLEAN,
            Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR);
        for (int i = 0; i < names.size(); i++) {
          assertEquals(names.get(i), md.getColumnName(i + 1));
          assertEquals(types.get(i), md.getColumnType(i + 1), names.get(i));
        }
      }
      assertEquals(List.of(
          "2026-01-02 09:30:00.000|ABC|10.5|100|true|2026-01-02 00:00:00.000|null|1",
          "2026-01-02 09:30:01.250|X,Y|11.0|200|false|2026-01-03 12:00:00.000||2",
          "2026-01-02 09:30:02.000|ABC|-300.0|null|true|null|say \"hi\"\nthere|x"),
          JdbcRows.of(c, "SELECT ts, symbol, price, qty, ok, dt, note, unit_price FROM ticks ORDER BY ts"));
      assertEquals(List.of("1"), JdbcRows.of(c, "SELECT COUNT(*) FROM ticks WHERE note IS NULL"),
          "an unquoted empty field is NULL, a quoted one the empty string");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void insertSelectFromCsvWithDeclaredTypesConvertsToTheTable(String url) throws Exception {
    String f = csv("t.csv", "id,amount,d\n1,2.345,2026-03-01\n2,,2026-03-02\n");
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id INTEGER NOT NULL, amount DECIMAL(8,2), d DATE)");
      assertEquals(2, s.executeUpdate("INSERT INTO t SELECT * FROM TABLE(floe.read_csv('" + f
          + "', 'id INT, amount NUMERIC(8,2), d DATE'))"));
      assertEquals(2, s.executeUpdate("INSERT INTO t (id, d) SELECT id + 10, d FROM TABLE(floe.read_csv('" + f + "'))"));
      assertEquals(List.of("1|2.35|2026-03-01", "2|null|2026-03-02", "11|null|2026-03-01", "12|null|2026-03-02"),
          JdbcRows.of(c, "SELECT id, amount, d FROM t ORDER BY id"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void raggedOrUnparsableFilesFailWithLineAndColumnAndCommitNothing(String url) throws Exception {
    StringBuilder big = new StringBuilder("id,name\n");
    for (int i = 1; i <= 20_000; i++) {
      big.append(i).append(",n").append(i).append('\n');
    }
    String ragged = csv("ragged.csv", big + "20001,a,extra\n");
    String unparsable = csv("bad.csv", big.toString().replace("\n17000,", "\nseventeen,"));
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT, name VARCHAR)");
      s.executeUpdate("INSERT INTO t VALUES (0, 'kept')");
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeUpdate("INSERT INTO t SELECT * FROM TABLE(floe.read_csv('" + ragged + "'))"));
      assertEquals("22P04", e.getSQLState(), e.getMessage());
      assertInstanceOf(SQLDataException.class, e);
      assertTrue(e.getMessage().contains("line 20002") && e.getMessage().contains("3 fields"), e.getMessage());

      e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO t SELECT * FROM TABLE(floe.read_csv('"
          + unparsable + "', 'id BIGINT, name VARCHAR'))"));
      assertEquals("22P02", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("line 17001") && e.getMessage().contains("column 1 (id)")
          && e.getMessage().contains("BIGINT"), e.getMessage());
      assertFalse(e.getMessage().contains("seventeen"), "the file's content is never quoted: " + e.getMessage());

      e = assertThrows(SQLException.class, () -> s.executeUpdate("CREATE TABLE u AS SELECT id + 0 AS id FROM TABLE("
          + "floe.read_csv('" + unparsable + "', 'id BIGINT, name VARCHAR'))"));
      assertEquals("22P02", e.getSQLState(), e.getMessage());

      assertEquals(List.of("0|kept"), JdbcRows.of(c, "SELECT * FROM t"), "nothing was committed");
      assertFalse(c.getMetaData().getTables(null, null, "u", null).next(), "CREATE TABLE AS created nothing");
      assertEquals(List.of("1"), JdbcRows.of(c, "SELECT COUNT(*) FROM t"), "the connection still works");
    }
  }

  @Test
  void argumentErrorsSayWhatToDo() throws Exception {
    String f = csv("two.csv", "a,b\n1,2\n");
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT * FROM TABLE(floe.read_csv('" + dir.resolve("nope.csv") + "'))"));
      assertEquals("58P01", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("nope.csv") && e.getMessage().contains("no such file"), e.getMessage());

      e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM TABLE(floe.read_csv('" + f + "', 'a INT'))"));
      assertEquals("22023", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("names 1 columns but the header") , e.getMessage());

      e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM TABLE(floe.read_csv('" + f + "', 'a INT, b BLOB'))"));
      assertEquals("22023", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("unknown type 'BLOB'"), e.getMessage());

      assertEquals(List.of("3"), JdbcRows.of(c, "SELECT a + b FROM TABLE(floe.read_csv('" + f + "'))"));
      assertEquals(List.of("1"), JdbcRows.of(c, "SELECT a FROM TABLE(floe.read_csv('" + f + "')) WHERE b = 2"),
          "a one-column result of a CSV scan is a scalar column");
    }
  }

  @Test
  void oneColumnFilesKeepBlankLinesAsNulls() throws Exception {
    String f = csv("one.csv", "x\n1\n\n3\n");
    try (Connection c = TestUrls.connect(TestUrls.mem())) {
      assertEquals(List.of("1", "null", "3"), JdbcRows.of(c, "SELECT x FROM TABLE(floe.read_csv('" + f + "'))"));
    }
  }
}
