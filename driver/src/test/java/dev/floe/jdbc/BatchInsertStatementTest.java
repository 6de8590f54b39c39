package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Floe's own PreparedStatement for {@code INSERT ... VALUES (?, ...)} ({@link BatchInsertStatement})
 * gives exactly what Avatica's statement gives: the same rows for every type and setter, the same
 * update counts, the same SQLStates, all or nothing. Avatica's statement is what {@code
 * prepareStatement(sql, TYPE_FORWARD_ONLY, CONCUR_READ_ONLY)} returns (only the one-argument form
 * is Floe's), so each case runs the same calls on both and compares the outcomes.
 */
class BatchInsertStatementTest {
  private static final String TYPES = "(b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT, r REAL, d DOUBLE,"
      + " amt DECIMAL(9,2), v VARCHAR, vb VARBINARY, dt DATE, tm TIME, ts TIMESTAMP, ltz TIMESTAMP WITH LOCAL TIME ZONE)";
  private static final String INSERT_ALL = " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  /** Calls made on a statement, the same for both statements compared. */
  @FunctionalInterface
  interface Calls {
    void on(PreparedStatement ps) throws SQLException;
  }

  private static PreparedStatement prepare(Connection c, String sql, boolean floe) throws SQLException {
    PreparedStatement ps = floe ? c.prepareStatement(sql)
        : c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    assertEquals(floe, ps instanceof BatchInsertStatement, sql);
    return ps;
  }

  /**
   * Creates {@code table}, runs {@code calls} and then executeBatch on a statement of {@code
   * insert}, and describes what came out: the update counts or the SQLState, then the table's rows.
   */
  private static String outcome(Connection c, String table, String columns, String insert, boolean floe, Calls calls)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE " + table + " " + columns);
    }
    String result;
    try (PreparedStatement ps = prepare(c, "INSERT INTO " + table + insert, floe)) {
      calls.on(ps);
      try {
        result = "counts " + Arrays.toString(ps.executeBatch()) + " update count " + ps.getUpdateCount();
      } catch (SQLException e) {
        result = "error " + e.getSQLState() + " " + e.getClass().getSimpleName();
      }
    } catch (SQLException e) {
      result = "error while binding " + e.getSQLState() + " " + e.getClass().getSimpleName();
    }
    return result + " rows " + JdbcRows.of(c, "SELECT * FROM " + table);
  }

  /** The outcome on Floe's statement, asserted equal to Avatica's. */
  private static String same(Connection c, String columns, String insert, Calls calls) throws SQLException {
    String tag = Long.toString(System.nanoTime(), 36);
    String avatica = outcome(c, "a" + tag, columns, insert, false, calls);
    String floe = outcome(c, "f" + tag, columns, insert, true, calls);
    assertEquals(avatica, floe);
    return floe;
  }

  private static Stream<String> urls() {
    return Stream.of(TestUrls.mem(), TestUrls.file());
  }

  @ParameterizedTest
  @MethodSource("urls")
  void everyTypeAndSetterGivesAvaticasRows(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url)) {
      String out = same(c, TYPES, INSERT_ALL, ps -> {
        for (int k = 0; k < 4; k++) {
          ps.setBoolean(1, k % 2 == 0);
          ps.setByte(2, (byte) (k - 2));
          ps.setShort(3, (short) (k * -1000));
          ps.setInt(4, k * 100_000);
          ps.setLong(5, k * 10_000_000_000L - 5);
          ps.setFloat(6, k + 0.25f);
          ps.setDouble(7, k / 3.0);
          ps.setBigDecimal(8, new BigDecimal(k + ".5"));
          ps.setString(9, "row " + k + " \u00e9\u4e2d");
          ps.setBytes(10, new byte[] {(byte) k, 7});
          ps.setDate(11, Date.valueOf("2024-02-" + (10 + k)));
          ps.setTime(12, Time.valueOf("12:34:" + (10 + k)));
          ps.setTimestamp(13, Timestamp.valueOf("2024-03-01 10:00:" + (10 + k) + ".123"));
          ps.setTimestamp(14, Timestamp.valueOf("1969-12-31 23:59:" + (10 + k) + ".5"));
          ps.addBatch();
        }
        // the same types through setObject, setNString and a Calendar
        ps.setObject(1, Boolean.TRUE);
        ps.setObject(2, (byte) 9);
        ps.setObject(3, 7, Types.SMALLINT);
        ps.setObject(4, 12);
        ps.setObject(5, 123L);
        ps.setObject(6, 1.5f);
        ps.setObject(7, 2.5d);
        ps.setObject(8, new BigDecimal("7.25"));
        ps.setNString(9, "nstring");
        ps.setObject(10, new byte[] {1});
        ps.setObject(11, Date.valueOf("2000-01-01"));
        ps.setObject(12, Time.valueOf("01:02:03"));
        ps.setTimestamp(13, Timestamp.valueOf("2024-03-01 10:00:00"),
            Calendar.getInstance(TimeZone.getTimeZone("America/New_York"), Locale.ROOT));
        ps.setObject(14, Timestamp.valueOf("1500-06-01 00:00:00")); // before the Gregorian switch
        ps.addBatch();
        for (int p = 1; p <= 14; p++) {
          ps.setNull(p, Types.NULL);
        }
        ps.addBatch();
        ps.setString(9, null);
        ps.setTimestamp(13, null);
        ps.addBatch();
      });
      assertTrue(out.startsWith("counts [1, 1, 1, 1, 1, 1, 1]"), out);
    }
  }

  @Test
  void conversionsAndErrorsGiveAvaticasAnswers() throws SQLException {
    String columns = "(id BIGINT NOT NULL, n INTEGER, d DOUBLE, r REAL, ts TIMESTAMP, s VARCHAR, amt DECIMAL(6,2))";
    String insert = " VALUES (?, ?, ?, ?, ?, ?, ?)";
    List<Calls> cases = List.of(
        ps -> row(ps, 1, 2, 3),
        ps -> { // widening and narrowing that fits
          ps.setInt(1, 5);
          ps.setLong(2, 42L);
          ps.setFloat(3, 1.1f);
          ps.setInt(4, 3);
          ps.setLong(5, 1_700_000_000_123L);
          ps.setString(6, "x");
          ps.setInt(7, 4);
          ps.addBatch();
        },
        ps -> { // a long beyond INTEGER
          row(ps, 1, 2, 3);
          ps.setLong(2, Integer.MAX_VALUE + 1L);
          ps.addBatch();
        },
        ps -> { // text for a number
          row(ps, 1, 2, 3);
          ps.setString(2, "12");
          ps.addBatch();
        },
        ps -> { // a double for an INTEGER, an integer for a REAL beyond 2^24
          row(ps, 1, 2, 3);
          ps.setDouble(2, 2.0);
          ps.setLong(4, (1L << 24) + 1);
          ps.addBatch();
        },
        ps -> { // an int for a TIMESTAMP
          row(ps, 1, 2, 3);
          ps.setInt(5, 7);
          ps.addBatch();
        },
        ps -> { // a decimal that needs rounding
          row(ps, 1, 2, 3);
          ps.setBigDecimal(7, new BigDecimal("1.005"));
          ps.addBatch();
        },
        ps -> { // NULL for the NOT NULL column: the whole batch fails
          row(ps, 1, 2, 3);
          row(ps, 2, 2, 3);
          ps.setNull(1, Types.BIGINT);
          ps.addBatch();
        },
        ps -> { // clearBatch drops what was added; values stay set
          row(ps, 1, 2, 3);
          row(ps, 2, 2, 3);
          ps.clearBatch();
          ps.setLong(1, 3);
          ps.addBatch();
        },
        ps -> { // a single execution between batched rows runs that row alone; the batch stays
          row(ps, 1, 2, 3);
          ps.setLong(1, 10);
          ps.setTimestamp(5, Timestamp.valueOf("2020-01-01 00:00:00.25"));
          assertEquals(1, ps.executeUpdate());
          ps.setLong(1, 11);
          ps.addBatch();
        },
        ps -> { // a timestamp beyond what microseconds hold
          row(ps, 1, 2, 3);
          ps.setLong(5, Long.MAX_VALUE / 100);
          ps.addBatch();
        },
        ps -> { // an index out of range, and setters after that still work
          row(ps, 1, 2, 3);
          assertThrows(SQLException.class, () -> ps.setInt(8, 1));
          assertThrows(SQLException.class, () -> ps.setTimestamp(0, null));
          row(ps, 2, 2, 3);
        },
        ps -> { // nothing added
        });
    try (Connection c = TestUrls.connect(TestUrls.mem())) {
      for (Calls calls : cases) {
        same(c, columns, insert, calls);
      }
      String failed = same(c, columns, insert, cases.get(7));
      assertTrue(failed.startsWith("error 23502") && failed.endsWith("rows []"), failed);
      String text = same(c, columns, insert, cases.get(3));
      assertTrue(text.startsWith("error 42804"), text);
      // where Avatica binds a parameter never set as NULL, Floe refuses the row (as pgjdbc does)
      Calls neverSet = ps -> {
        ps.setLong(1, 9);
        ps.addBatch();
      };
      Calls cleared = ps -> {
        row(ps, 1, 2, 3);
        ps.clearParameters();
        ps.addBatch();
      };
      for (Calls calls : List.of(neverSet, cleared)) {
        String tag = Long.toString(System.nanoTime(), 36);
        assertEquals("error while binding 07001 SQLNonTransientException rows []",
            outcome(c, "f" + tag, columns, insert, true, calls));
      }
    }
  }

  private static void row(PreparedStatement ps, long id, int n, double d) throws SQLException {
    ps.setLong(1, id);
    ps.setInt(2, n);
    ps.setDouble(3, d);
    ps.setFloat(4, 0.5f);
    ps.setTimestamp(5, Timestamp.valueOf("2026-01-05 09:00:00.007"));
    ps.setString(6, "s" + id);
    ps.setBigDecimal(7, BigDecimal.ONE);
    ps.addBatch();
  }

  @Test
  void timestampsInOtherJvmZonesGiveAvaticasValues() throws SQLException {
    TimeZone saved = TimeZone.getDefault();
    try {
      // a fixed offset (converted by Floe), zones with daylight saving and old offsets (by Avatica)
      for (String zone : List.of("GMT+05:30", "GMT-03:00", "America/New_York", "Europe/Amsterdam")) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (Connection c = TestUrls.connect(TestUrls.mem())) {
          String out = same(c, "(ts TIMESTAMP, ltz TIMESTAMP WITH LOCAL TIME ZONE)", " VALUES (?, ?)", ps -> {
            for (String t : List.of("2024-03-10 02:30:00.5", "2024-11-03 01:30:00", "1969-07-20 20:17:40.001",
                "1900-01-01 00:00:00", "1582-10-10 12:00:00", "9999-12-31 23:59:59.999")) {
              ps.setTimestamp(1, Timestamp.valueOf(t));
              ps.setTimestamp(2, Timestamp.valueOf(t));
              ps.addBatch();
            }
          });
          assertTrue(out.startsWith("counts [1, 1, 1, 1, 1, 1]"), zone + ": " + out);
        }
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void columnListsAndOmittedColumns() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem())) {
      same(c, "(a INTEGER, b VARCHAR, c DOUBLE)", " (c, a) VALUES (?, ?)", ps -> {
        ps.setDouble(1, 1.5);
        ps.setInt(2, 1);
        ps.addBatch();
        ps.setNull(1, Types.DOUBLE);
        ps.setInt(2, 2);
        ps.addBatch();
      });
    }
  }

  @Test
  void aBatchLargerThanASegmentIsOneCommit() throws SQLException {
    int rows = 130_000;
    try (Connection c = TestUrls.connect(TestUrls.mem())) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE big (id BIGINT, sym VARCHAR, px DOUBLE, ts TIMESTAMP)");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO big VALUES (?, ?, ?, ?)")) {
        assertInstanceOf(BatchInsertStatement.class, ps);
        for (int i = 0; i < rows; i++) {
          ps.setLong(1, i);
          ps.setString(2, "S" + (i % 300));
          ps.setDouble(3, i / 4.0);
          ps.setTimestamp(4, new Timestamp(1_700_000_000_000L + i * 7L));
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        assertEquals(rows, counts.length);
        assertTrue(Arrays.stream(counts).allMatch(n -> n == 1));
        assertEquals(0, ps.executeBatch().length, "the batch is empty after it ran");
      }
      assertEquals(List.of(rows + "|" + ((long) rows * (rows - 1) / 2) + "|300"),
          JdbcRows.of(c, "SELECT COUNT(*), SUM(id), COUNT(DISTINCT sym) FROM big"));
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT ts, px FROM big WHERE id = " + (rows - 1))) {
        assertTrue(rs.next());
        assertEquals(new Timestamp(1_700_000_000_000L + (rows - 1) * 7L), rs.getTimestamp(1));
        assertEquals((rows - 1) / 4.0, rs.getDouble(2));
      }
    }
  }

  @Test
  void transactionsPublishAtCommitAndRollbackDropsTheBatch() throws SQLException {
    String url = TestUrls.mem();
    try (Connection c = TestUrls.connect(url); Connection other = TestUrls.connect(url)) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, v VARCHAR)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        assertInstanceOf(BatchInsertStatement.class, ps);
        ps.setLong(1, 1);
        ps.setString(2, "one");
        ps.addBatch();
        assertArrayEquals(new int[] {1}, ps.executeBatch());
        assertEquals(List.of("1|one"), JdbcRows.of(c, "SELECT * FROM t"), "reads its own batch");
        assertEquals(List.of("0"), JdbcRows.of(other, "SELECT COUNT(*) FROM t"), "others wait for COMMIT");
        c.rollback();
        assertEquals(List.of("0"), JdbcRows.of(c, "SELECT COUNT(*) FROM t"));
        ps.setLong(1, 2);
        ps.addBatch();
        ps.setNull(1, Types.BIGINT);
        ps.addBatch();
        SQLException e = assertThrows(SQLException.class, ps::executeBatch);
        assertEquals("23502", e.getSQLState());
        ps.setLong(1, 3);
        ps.addBatch();
        ps.executeBatch();
        c.commit();
      }
      assertEquals(List.of("3|one"), JdbcRows.of(other, "SELECT * FROM t"), "a failed batch in a transaction adds nothing");
    }
  }

  @Test
  void closedStatementsAndOtherStatementsAnswerAsAvatica() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem())) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE t (id BIGINT, v VARCHAR)");
      }
      List<String> states = new ArrayList<>();
      for (boolean floe : new boolean[] {false, true}) {
        PreparedStatement ps = prepare(c, "INSERT INTO t VALUES (?, ?)", floe);
        assertEquals(2, ps.getParameterMetaData().getParameterCount());
        assertFalse(ps.isClosed());
        assertEquals(c, ps.getConnection());
        ps.close();
        assertTrue(ps.isClosed());
        states.add(assertThrows(SQLException.class, () -> ps.setLong(1, 1)).getSQLState());
        states.add(assertThrows(SQLException.class, ps::addBatch).getSQLState());
        states.add(assertThrows(SQLException.class, ps::executeBatch).getSQLState());
      }
      assertEquals(states.subList(0, 3), states.subList(3, 6));
      try (PreparedStatement select = c.prepareStatement("SELECT * FROM t WHERE id = ?");
          PreparedStatement values = c.prepareStatement("INSERT INTO t VALUES (?, 'lit')")) {
        assertFalse(select instanceof BatchInsertStatement);
        assertFalse(values instanceof BatchInsertStatement, "only statements whose every value is a parameter");
      }
    }
  }
}
