package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.planner.parquet.ParquetMetrics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * floe.read_parquet and COPY ... TO 'f.parquet' against DuckDB, the reference: DuckDB's files read
 * by Floe with equal rows, Floe's files read by DuckDB with equal rows, projections, row groups
 * skipped by their statistics, globs, the connection's S3 store, and the refusals.
 */
class ParquetTest {
  @TempDir Path dir;

  /** Runs {@code sql} in an in-memory DuckDB. */
  static List<String> duck(String... sql) throws SQLException {
    try (Connection d = DriverManager.getConnection("jdbc:duckdb:"); Statement s = d.createStatement()) {
      for (int i = 0; i < sql.length - 1; i++) {
        s.execute(sql[i]);
      }
      return JdbcRows.of(d, sql[sql.length - 1]);
    }
  }

  private static String lit(Path p) {
    return p.toString().replace("'", "''");
  }

  /** A DuckDB file of every type Floe maps, 1000 rows with some nulls, two row groups of 500 rows. */
  private Path duckTypes() throws SQLException {
    Path f = dir.resolve("types.parquet");
    duck("COPY (SELECT i::INTEGER AS i, i::BIGINT * 1000000000 AS big, i::SMALLINT AS small, (i % 100)::TINYINT AS tiny,"
        + " i / 4.0::DOUBLE AS d, (i / 8.0)::FLOAT AS r, (i % 3 = 0) AS b, CASE WHEN i % 10 = 0 THEN NULL ELSE 'n' || i END AS s,"
        + " (i * 1.25)::DECIMAL(12,2) AS dec, (i * 1.5)::DECIMAL(30,3) AS wide, DATE '2024-01-01' + i::INTEGER AS day,"
        + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND + INTERVAL 123 MILLISECOND AS ts,"
        + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) MINUTE AS tstz, ('x' || i)::BLOB AS bin"
        + " FROM range(1000) t(i)) TO '" + lit(f) + "' (FORMAT parquet, ROW_GROUP_SIZE 500)",
        "SELECT 1");
    return f;
  }

  @Test
  void aDuckDbFileOfEveryTypeReadsWithTheRowsDuckDbReads() throws Exception {
    Path f = duckTypes();
    String cols = "i, big, small, tiny, d, r, b, s, dec, wide, day, CAST(ts AS VARCHAR), bin";
    List<String> expected = duck("SET TimeZone = 'UTC'", "SELECT i, big, small, tiny, d, r, b, s, dec, wide, day,"
        + " strftime(ts, '%Y-%m-%d %H:%M:%S.%g'), hex(bin) FROM read_parquet('" + lit(f) + "') ORDER BY i");
    try (Connection c = DriverManager.getConnection(TestUrls.mem())) {
      List<String> actual = JdbcRows.of(c, "SELECT i, big, small, tiny, d, r, b, s, dec, wide, day, ts,"
          + " bin FROM TABLE(floe.read_parquet('" + lit(f) + "')) ORDER BY i");
      assertEquals(expected.size(), actual.size());
      assertEquals(expected.get(0), actual.get(0));
      assertEquals(expected, actual);
    }
  }

  @Test
  void aFileFloeWritesReadsInDuckDbWithEqualRows() throws Exception {
    Path f = dir.resolve("out.parquet");
    Path z = dir.resolve("out-zstd.parquet");
    String query = "SELECT i, CAST(i AS BIGINT) * 1000000000 AS big, CAST(i AS SMALLINT) AS small, i / 4.0e0 AS d,"
        + " CASE WHEN MOD(i, 10) = 0 THEN NULL ELSE 'n' || CAST(i AS VARCHAR) END AS s,"
        + " CAST(i * 1.25 AS DECIMAL(12,2)) AS dec, CAST(i * 1.5 AS DECIMAL(30,3)) AS wide, MOD(i, 3) = 0 AS b,"
        + " DATE '2024-01-01' + i * INTERVAL '1' DAY AS day,"
        + " TIMESTAMP '2024-01-01 00:00:00.123' + i * INTERVAL '1' SECOND AS ts"
        + " FROM TABLE(floe.generate_series(0, 999)) AS g(i)";
    try (Connection c = DriverManager.getConnection(TestUrls.mem()); Statement s = c.createStatement()) {
      s.execute("COPY (" + query + ") TO '" + lit(f) + "'");
      s.execute("COPY (" + query + ") TO '" + lit(z) + "' (FORMAT parquet, COMPRESSION zstd)");
      List<String> floe = JdbcRows.of(c, query + " ORDER BY i");
      String duckQuery = "SELECT i, big, small, d, s, dec, wide, b, day, strftime(ts, '%%Y-%%m-%%d %%H:%%M:%%S.%%g') FROM"
          + " read_parquet('%s') ORDER BY i";
      assertEquals(floe, duck(String.format(duckQuery, lit(f))));
      assertEquals(floe, duck(String.format(duckQuery, lit(z))));
      assertEquals(List.of("ZSTD"), duck("SELECT DISTINCT compression FROM parquet_metadata('" + lit(z) + "')"));
      assertEquals(List.of("SNAPPY"), duck("SELECT DISTINCT compression FROM parquet_metadata('" + lit(f) + "')"));
      // and back into Floe
      assertEquals(floe, JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_parquet('" + lit(z) + "')) ORDER BY i"));
      s.execute("CREATE TABLE t (id INTEGER, name VARCHAR)");
      s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
      s.execute("COPY t TO '" + lit(dir.resolve("t.parquet")) + "'");
      assertEquals(List.of("1|a", "2|b"), duck("SELECT * FROM read_parquet('" + lit(dir.resolve("t.parquet")) + "') ORDER BY id"));
    }
  }

  @Test
  void rowGroupsThatTheFooterStatisticsExcludeAreNotRead() throws Exception {
    Path f = dir.resolve("groups.parquet");
    duck("COPY (SELECT i, 'v' || i AS s FROM range(100000) t(i)) TO '" + lit(f) + "' (FORMAT parquet, ROW_GROUP_SIZE 10000)",
        "SELECT 1");
    assertEquals(List.of("10"), duck("SELECT COUNT(DISTINCT row_group_id) FROM parquet_metadata('" + lit(f) + "')"));
    try (Connection c = DriverManager.getConnection(TestUrls.mem())) {
      String from = " FROM TABLE(floe.read_parquet('" + lit(f) + "'))";
      long read = ParquetMetrics.rowGroupsRead();
      long skipped = ParquetMetrics.rowGroupsSkipped();
      assertEquals(List.of("10000|949995000"), JdbcRows.of(c, "SELECT COUNT(*), SUM(i)" + from + " WHERE i >= 90000"));
      long matching = Long.parseLong(duck("SELECT COUNT(*) FROM parquet_metadata('" + lit(f) + "') WHERE path_in_schema = 'i'"
          + " AND CAST(stats_max_value AS BIGINT) >= 90000").get(0));
      assertTrue(matching <= 2, "DuckDB's own statistics: " + matching);
      assertEquals(matching, ParquetMetrics.rowGroupsRead() - read, "only the row groups whose max reaches 90000");
      assertEquals(10 - matching, ParquetMetrics.rowGroupsSkipped() - skipped);
      read = ParquetMetrics.rowGroupsRead();
      assertEquals(List.of("v12345"), JdbcRows.of(c, "SELECT s" + from + " WHERE i = 12345"));
      assertTrue(ParquetMetrics.rowGroupsRead() - read <= 2);
      read = ParquetMetrics.rowGroupsRead();
      long chunks = ParquetMetrics.columnChunksRead();
      assertEquals(List.of("100000"), JdbcRows.of(c, "SELECT COUNT(*)" + from));
      assertEquals(10, ParquetMetrics.rowGroupsRead() - read, "no condition: every row group");
      chunks = ParquetMetrics.columnChunksRead();
      assertEquals(List.of("v99999"), JdbcRows.of(c, "SELECT MAX(s)" + from));
      assertEquals(10, ParquetMetrics.columnChunksRead() - chunks, "one column of two, in each of 10 row groups");
      read = ParquetMetrics.rowGroupsRead();
      assertEquals(List.of("0"), JdbcRows.of(c, "SELECT COUNT(*)" + from + " WHERE i < 0"));
      assertEquals(0, ParquetMetrics.rowGroupsRead() - read);
    }
  }

  @Test
  void aGlobOrAFolderReadsEveryFileAndFilesOfAnotherShapeAreRefused() throws Exception {
    Path parts = java.nio.file.Files.createDirectories(dir.resolve("parts"));
    for (int p = 0; p < 3; p++) {
      duck("COPY (SELECT " + p + " * 100 + i AS id FROM range(100) t(i)) TO '" + lit(parts.resolve("p" + p + ".parquet"))
          + "' (FORMAT parquet)", "SELECT 1");
    }
    java.nio.file.Files.writeString(parts.resolve("readme.txt"), "not parquet, just some text");
    try (Connection c = DriverManager.getConnection(TestUrls.mem())) {
      assertEquals(List.of("300|44850"), JdbcRows.of(c, "SELECT COUNT(*), SUM(id) FROM TABLE(floe.read_parquet('"
          + lit(parts) + "/*.parquet'))"));
      assertEquals(List.of("300|44850"), JdbcRows.of(c, "SELECT COUNT(*), SUM(id) FROM TABLE(floe.read_parquet('"
          + lit(parts) + "'))"));
      assertEquals(List.of("200"), JdbcRows.of(c, "SELECT COUNT(*) FROM TABLE(floe.read_parquet('"
          + lit(parts) + "/p[01].parquet'))"));
      SQLException none = assertThrows(SQLException.class, () -> JdbcRows.of(c,
          "SELECT * FROM TABLE(floe.read_parquet('" + lit(parts) + "/*.nothing'))"));
      assertEquals("58P01", none.getSQLState(), none.getMessage());
      SQLException notParquet = assertThrows(SQLException.class, () -> JdbcRows.of(c,
          "SELECT * FROM TABLE(floe.read_parquet('" + lit(parts.resolve("readme.txt")) + "'))"));
      assertEquals("22P04", notParquet.getSQLState(), notParquet.getMessage());
      String all = ExternalFileAccessTest.everything(notParquet);
      assertTrue(!all.contains("116, 101, 120, 116") && !all.contains("magic"), "never quotes the file: " + all);
      duck("COPY (SELECT 'x' AS id) TO '" + lit(parts.resolve("p9.parquet")) + "' (FORMAT parquet)", "SELECT 1");
      SQLException other = assertThrows(SQLException.class, () -> JdbcRows.of(c,
          "SELECT COUNT(*) FROM TABLE(floe.read_parquet('" + lit(parts) + "/*.parquet'))"));
      assertEquals("22P04", other.getSQLState(), other.getMessage());
      assertTrue(other.getMessage().contains("p9.parquet"), other.getMessage());
    }
  }

  @Test
  void nestedColumnsAreRefusedNamingTheColumn() throws Exception {
    Path f = dir.resolve("nested.parquet");
    duck("COPY (SELECT 1 AS id, [1, 2] AS tags) TO '" + lit(f) + "' (FORMAT parquet)", "SELECT 1");
    try (Connection c = DriverManager.getConnection(TestUrls.mem())) {
      SQLException e = assertThrows(SQLException.class, () -> JdbcRows.of(c,
          "SELECT id FROM TABLE(floe.read_parquet('" + lit(f) + "'))"));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("'tags'"), e.getMessage());
    }
  }

  @Test
  void theConnectionsS3StoreHoldsFilesToWriteAndReadByKeyPrefixAndGlob() throws Exception {
    String url = TestUrls.s3();
    String root = url.substring("jdbc:floe:".length(), url.indexOf('?'));
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      for (int p = 0; p < 2; p++) {
        s.execute("COPY (SELECT i + " + p + " * 10 AS id FROM TABLE(floe.generate_series(1, 10)) AS g(i)) TO '" + root
            + "/files/p" + p + ".parquet' (FORMAT parquet, COMPRESSION zstd)");
      }
      assertEquals(List.of("10|55"), JdbcRows.of(c, "SELECT COUNT(*), SUM(id) FROM TABLE(floe.read_parquet('" + root
          + "/files/p0.parquet'))"));
      assertEquals(List.of("20|210"), JdbcRows.of(c, "SELECT COUNT(*), SUM(id) FROM TABLE(floe.read_parquet('" + root
          + "/files/*.parquet'))"));
      assertEquals(List.of("20|210"), JdbcRows.of(c, "SELECT COUNT(*), SUM(id) FROM TABLE(floe.read_parquet('" + root
          + "/files'))"));
      SQLException elsewhere = assertThrows(SQLException.class, () -> JdbcRows.of(c,
          "SELECT * FROM TABLE(floe.read_parquet('s3://another-bucket/x.parquet'))"));
      assertEquals("42501", elsewhere.getSQLState(), elsewhere.getMessage());
    }
    try (Connection ro = TestUrls.connect(url + "&readOnly=true"); Statement s = ro.createStatement()) {
      assertEquals(List.of("20"), JdbcRows.of(ro, "SELECT COUNT(*) FROM TABLE(floe.read_parquet('" + root + "/files/*'))"));
      SQLException e = assertThrows(SQLException.class, () -> s.execute("COPY (SELECT 1 AS x) TO '" + root
          + "/files/p2.parquet'"));
      assertEquals("25006", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void copyToIsRefusedOnAReadOnlyConnectionAndOutsideTheAllowedFolders() throws Exception {
    Path out = dir.resolve("ro.parquet");
    try (Connection c = DriverManager.getConnection(TestUrls.mem() + "?readOnly=true&allowedDirectories=*");
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute("COPY (SELECT 1 AS x) TO '" + lit(out) + "'"));
      assertEquals("25006", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("COPY"), e.getMessage());
    }
    try (Connection c = DriverManager.getConnection(TestUrls.mem()); Statement s = c.createStatement()) {
      c.setReadOnly(true);
      SQLException e = assertThrows(SQLException.class, () -> s.execute("copy (select 1 as x) to '" + lit(out) + "'"));
      assertEquals("25006", e.getSQLState(), e.getMessage());
      c.setReadOnly(false);
      s.execute("COPY (SELECT 1 AS x) TO '" + lit(out) + "'");
      SQLException csv = assertThrows(SQLException.class, () -> s.execute("COPY (SELECT 1 AS x) TO '" + lit(out) + ".csv'"));
      assertEquals("0A000", csv.getSQLState(), csv.getMessage());
    }
    assertTrue(java.nio.file.Files.exists(out));
    Path allowed = java.nio.file.Files.createDirectories(dir.resolve("allowed"));
    try (Connection c = DriverManager.getConnection(TestUrls.mem() + "?allowedDirectories="
        + java.net.URLEncoder.encode(allowed.toString(), java.nio.charset.StandardCharsets.UTF_8));
        Statement s = c.createStatement()) {
      s.execute("COPY (SELECT 1 AS x) TO '" + lit(allowed.resolve("in.parquet")) + "'");
      SQLException e = assertThrows(SQLException.class, () -> s.execute("COPY (SELECT 1 AS x) TO '"
          + lit(dir.resolve("outside.parquet")) + "'"));
      assertEquals("42501", e.getSQLState(), e.getMessage());
      SQLException r = assertThrows(SQLException.class, () -> JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_parquet('"
          + lit(out) + "'))"));
      assertEquals("42501", r.getSQLState(), r.getMessage());
      SQLException g = assertThrows(SQLException.class, () -> JdbcRows.of(c, "SELECT * FROM TABLE(floe.read_parquet('"
          + lit(dir) + "/*.parquet'))"));
      assertEquals("42501", g.getSQLState(), g.getMessage());
      assertEquals(List.of("1"), JdbcRows.of(c, "SELECT x FROM TABLE(floe.read_parquet('" + lit(allowed) + "/*'))"));
    }
    assertTrue(!java.nio.file.Files.exists(dir.resolve("outside.parquet")));
  }
}
