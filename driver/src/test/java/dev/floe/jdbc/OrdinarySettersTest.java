package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.jdbc.FloeMetaImpl;
import org.junit.jupiter.api.Test;

/**
 * The ordinary setters a client loads with ({@code setTimestamp}, {@code setDate}, {@code
 * setBigDecimal}, {@code setString} into VARCHAR(n), {@code setInt}/{@code setLong}/{@code setShort}/{@code
 * setByte} across integer widths, {@code setObject} with {@code java.time} values and boxed numbers,
 * both {@code setNull}s, with and without a Calendar) stay on the fast batch path: every value is
 * recorded without Avatica's conversion ({@link BatchInsertStatement#slowSetters}) and the batch is
 * bound into the table by column ({@link FloeMetaImpl#batchPaths}). What they store is what a plain
 * INSERT with literals stores, their errors are its errors, and in other JVM time zones they store
 * what Avatica's own statement stores.
 */
class OrdinarySettersTest {
  private static final String COLUMNS = "(k INTEGER, ts TIMESTAMP, d DATE, amt DECIMAL(15,2), v VARCHAR(8),"
      + " i INTEGER, bi BIGINT, si SMALLINT, ti TINYINT, dbl DOUBLE, b BOOLEAN)";
  private static final String INSERT = " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** One row: the literals of a plain INSERT, and the setter calls that bind the same values. */
  record Row(String literals, Calls calls) {}

  /** Setter calls on a statement. */
  @FunctionalInterface
  interface Calls {
    void on(PreparedStatement ps) throws SQLException;
  }

  private static long[] paths(Connection c) throws SQLException {
    return FloeMetaImpl.of(c.unwrap(AvaticaConnection.class)).batchPaths();
  }

  private static String lit(LocalDateTime t) {
    return "TIMESTAMP '" + Timestamp.valueOf(t) + "'";
  }

  private static List<Row> rows() {
    TimeZone newYork = TimeZone.getTimeZone("America/New_York");
    Calendar ny = Calendar.getInstance(newYork, Locale.ROOT);
    Timestamp noon = Timestamp.valueOf("2024-03-10 12:00:00.5");
    Date leap = Date.valueOf("2024-02-29");
    Instant instant = Instant.parse("2024-07-01T08:30:00.250Z");
    LocalDateTime instantHere = LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("1, TIMESTAMP '2024-03-01 10:00:00.123', DATE '2024-02-29', 12345.67, 'abc', 7, 8, 9, 10,"
        + " 1.5, TRUE", ps -> {
          ps.setInt(1, 1);
          ps.setTimestamp(2, Timestamp.valueOf("2024-03-01 10:00:00.123"));
          ps.setDate(3, leap);
          ps.setBigDecimal(4, new BigDecimal("12345.67"));
          ps.setString(5, "abc");
          ps.setInt(6, 7);
          ps.setLong(7, 8);
          ps.setShort(8, (short) 9);
          ps.setByte(9, (byte) 10);
          ps.setDouble(10, 1.5);
          ps.setBoolean(11, true);
        }));
    // across widths: setLong into INTEGER, setInt into BIGINT, setLong into SMALLINT and TINYINT, a short scale
    rows.add(new Row("2, " + lit(LocalDateTime.of(1969, 7, 20, 20, 17, 40, 1_000_000)) + ", DATE '1900-01-01',"
        + " -1.50, 'abcdefgh', -2147483648, 2147483647, -32768, 127, 100, FALSE", ps -> {
          ps.setLong(1, 2);
          ps.setObject(2, LocalDateTime.of(1969, 7, 20, 20, 17, 40, 1_234_567));
          ps.setObject(3, LocalDate.of(1900, 1, 1));
          ps.setBigDecimal(4, new BigDecimal("-1.5"));
          ps.setString(5, "abcdefgh");
          ps.setLong(6, Integer.MIN_VALUE);
          ps.setInt(7, Integer.MAX_VALUE);
          ps.setLong(8, Short.MIN_VALUE);
          ps.setInt(9, Byte.MAX_VALUE);
          ps.setInt(10, 100);
          ps.setObject(11, Boolean.FALSE);
        }));
    // setObject with boxed numbers and instants; trailing spaces past VARCHAR(8) cut as a literal's are
    rows.add(new Row("3, " + lit(instantHere) + ", DATE '2000-01-01', 0.01, 'xyz', 1, 2, 3, 4, 0.25, NULL", ps -> {
      ps.setObject(1, 3);
      ps.setObject(2, instant);
      ps.setObject(3, Date.valueOf("2000-01-01"));
      ps.setObject(4, new BigDecimal("0.01"));
      ps.setObject(5, "xyz");
      ps.setObject(6, (short) 1);
      ps.setObject(7, 2L);
      ps.setObject(8, (byte) 3);
      ps.setObject(9, 4);
      ps.setObject(10, 0.25f);
      ps.setNull(11, Types.BOOLEAN);
    }));
    rows.add(new Row("4, " + lit(LocalDateTime.ofInstant(instant, ZoneId.systemDefault())) + ", NULL, NULL,"
        + " 'pad     ', NULL, NULL, NULL, NULL, NULL, NULL", ps -> {
          ps.setObject(1, 4L);
          ps.setObject(2, OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(3)));
          ps.setNull(3, Types.DATE, "DATE");
          ps.setBigDecimal(4, null);
          ps.setString(5, "pad          ");
          ps.setNull(6, Types.INTEGER);
          ps.setNull(7, Types.BIGINT, "BIGINT");
          ps.setObject(8, null);
          ps.setNull(9, Types.TINYINT);
          ps.setObject(10, null);
          ps.setNull(11, Types.NULL);
        }));
    // a Calendar: the wall clock in its zone
    rows.add(new Row("5, " + lit(LocalDateTime.ofInstant(noon.toInstant(), newYork.toZoneId())) + ", DATE '"
        + LocalDateTime.ofInstant(Instant.ofEpochMilli(leap.getTime()), newYork.toZoneId()).toLocalDate() + "', 100, '', 0, 0, 0, 0,"
        + " 2.5, TRUE", ps -> {
          ps.setInt(1, 5);
          ps.setTimestamp(2, noon, ny);
          ps.setDate(3, leap, ny);
          ps.setObject(4, 100);
          ps.setString(5, "");
          ps.setObject(6, 0);
          ps.setObject(7, 0);
          ps.setObject(8, 0);
          ps.setObject(9, 0);
          ps.setObject(10, 2.5);
          ps.setObject(11, true);
        }));
    rows.add(new Row("6, " + lit(LocalDateTime.of(2024, 12, 31, 23, 59, 59)) + ", DATE '2024-12-31', 9999999999999.99,"
        + " 'z', 1, 1, 1, NULL, 1.0E300, TRUE", ps -> {
          ps.setInt(1, 6);
          ps.setObject(2, ZonedDateTime.of(LocalDateTime.of(2024, 12, 31, 23, 59, 59), ZoneId.systemDefault()));
          ps.setObject(3, LocalDate.of(2024, 12, 31));
          ps.setObject(4, new BigDecimal("9999999999999.99"), Types.DECIMAL);
          ps.setObject(5, "z", Types.VARCHAR);
          ps.setObject(6, 1, Types.INTEGER); // setObject with the JDBC type, as Spring's JdbcTemplate binds
          ps.setObject(7, 1L, Types.BIGINT);
          ps.setObject(8, (short) 1, Types.SMALLINT);
          ps.setObject(9, null, Types.TINYINT);
          ps.setObject(10, 1.0E300, Types.DOUBLE);
          ps.setObject(11, true, Types.BOOLEAN);
        }));
    return rows;
  }

  @Test
  void everyOrdinarySetterTakesTheColumnPathAndStoresWhatLiteralsStore() throws SQLException {
    for (String url : List.of(TestUrls.mem(), TestUrls.file())) {
      try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE lit " + COLUMNS);
        s.executeUpdate("CREATE TABLE fast " + COLUMNS);
        List<Row> rows = rows();
        for (Row r : rows) {
          s.executeUpdate("INSERT INTO lit VALUES (" + r.literals() + ")");
        }
        long[] before = paths(c);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fast" + INSERT)) {
          for (Row r : rows) { // one batch mixing every setter
            r.calls().on(ps);
            ps.addBatch();
          }
          assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, ps.executeBatch());
          assertEquals(0, ps.unwrap(BatchInsertStatement.class).slowSetters(), "a setter fell off the fast path");
        }
        long[] after = paths(c);
        assertArrayEquals(new long[] {before[0] + 1, before[1], before[2]}, after, "batches by column/row/Calcite");
        List<String> expected = JdbcRows.of(c, "SELECT * FROM lit ORDER BY k");
        assertEquals(expected, JdbcRows.of(c, "SELECT * FROM fast ORDER BY k"));
        assertEquals(6, expected.size());
        // executed one at a time, the wrapped statement is given the same values
        s.executeUpdate("CREATE TABLE single " + COLUMNS);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO single" + INSERT)) {
          for (Row r : rows) {
            r.calls().on(ps);
            assertEquals(1, ps.executeUpdate());
          }
        }
        assertEquals(expected, JdbcRows.of(c, "SELECT * FROM single ORDER BY k"));
      }
    }
  }

  /** SQLState of the batch (or of the literal INSERT), then the table's rows. */
  private static String outcome(Connection c, String table, String sql, Calls calls) throws SQLException {
    String state;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      calls.on(ps);
      ps.addBatch();
      ps.executeBatch();
      state = "ok";
    } catch (SQLException e) {
      state = e.getSQLState();
    }
    return state + " " + JdbcRows.of(c, "SELECT * FROM " + table);
  }

  @Test
  void errorsAreThoseOfPlainInserts() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE e (i INTEGER, si SMALLINT, v VARCHAR(3), amt DECIMAL(5,2))");
      String[][] cases = {
          {"2147483648", "22003"}, // setLong past INTEGER
          {"40000", "22003"}, // setInt past SMALLINT
          {"'abcd'", "22001"}, // too long for VARCHAR(3)
          {"1000.00", "22003"}, // too many digits for DECIMAL(5,2)
          {"999.995", "22003"}, // too many once rounded
      };
      List<Calls> setters = List.of(
          ps -> ps.setLong(1, 2_147_483_648L),
          ps -> ps.setInt(2, 40_000),
          ps -> ps.setString(3, "abcd"),
          ps -> ps.setBigDecimal(4, new BigDecimal("1000")),
          ps -> ps.setObject(4, new BigDecimal("999.995")));
      String[] columns = {"i", "si", "v", "amt", "amt"};
      for (int k = 0; k < cases.length; k++) {
        String literal = outcome(c, "e", "INSERT INTO e (" + columns[k] + ") VALUES (" + cases[k][0] + ")", ps -> { });
        assertTrue(literal.startsWith(cases[k][1] + " []"), literal);
        int p = Math.min(k + 1, 4);
        Calls set = setters.get(k);
        String batch = outcome(c, "e", "INSERT INTO e VALUES (?, ?, ?, ?)", ps -> {
          for (int q = 1; q <= 4; q++) {
            if (q != p) {
              ps.setNull(q, Types.NULL);
            }
          }
          set.on(ps);
        });
        assertEquals(literal, batch, columns[k]);
      }
      SQLException unset = assertThrows(SQLException.class, () -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO e VALUES (?, ?, ?, ?)")) {
          ps.setInt(1, 1);
          ps.setDate(2, null);
          ps.setObject(3, "a");
          ps.addBatch();
        }
      });
      assertEquals("07001", unset.getSQLState());
      // the connection is usable and the table as it was
      assertEquals(List.of(), JdbcRows.of(c, "SELECT * FROM e"));
      assertEquals("ok [1|2|abc|1.00]", outcome(c, "e", "INSERT INTO e VALUES (?, ?, ?, ?)", ps -> {
        ps.setObject(1, 1L);
        ps.setShort(2, (short) 2);
        ps.setString(3, "abc   ");
        ps.setObject(4, 1);
      }));
    }
  }

  /** The rows of a fresh table after a batch of {@code calls} on Floe's statement or Avatica's. */
  private static List<String> stored(Connection c, boolean floe, Calls calls) throws SQLException {
    String table = (floe ? "f" : "a") + Long.toString(System.nanoTime(), 36);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE " + table + " (ts TIMESTAMP, d DATE, ltz TIMESTAMP WITH LOCAL TIME ZONE)");
    }
    String sql = "INSERT INTO " + table + " VALUES (?, ?, ?)";
    try (PreparedStatement ps = floe ? c.prepareStatement(sql)
        : c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      assertEquals(floe, ps instanceof BatchInsertStatement);
      calls.on(ps);
      ps.executeBatch();
      if (floe) {
        assertEquals(0, ps.unwrap(BatchInsertStatement.class).slowSetters(), "a setter fell off the fast path");
      }
    }
    return JdbcRows.of(c, "SELECT * FROM " + table);
  }

  @Test
  void datesAndTimesInOtherJvmZonesStoreWhatAvaticaStores() throws SQLException {
    TimeZone saved = TimeZone.getDefault();
    Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"), Locale.ROOT);
    Calendar lordHowe = Calendar.getInstance(TimeZone.getTimeZone("Australia/Lord_Howe"), Locale.ROOT);
    try {
      for (String zone : List.of("GMT+05:30", "GMT-03:00", "America/New_York", "Europe/Amsterdam", "UTC")) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        Calls calls = ps -> {
          for (String t : List.of("2024-03-10 02:30:00.5", "2024-11-03 01:30:00", "1969-12-31 23:59:59.999",
              "1900-01-01 00:00:00", "1601-01-02 12:00:00", "2024-03-31 02:30:00")) {
            LocalDateTime wall = LocalDateTime.parse(t.replace(' ', 'T'));
            ps.setTimestamp(1, Timestamp.valueOf(t));
            ps.setDate(2, Date.valueOf(wall.toLocalDate()));
            ps.setTimestamp(3, Timestamp.valueOf(t));
            ps.addBatch();
            ps.setObject(1, wall);
            ps.setObject(2, wall.toLocalDate());
            ps.setObject(3, wall.toInstant(ZoneOffset.UTC));
            ps.addBatch();
            ps.setTimestamp(1, Timestamp.valueOf(t), tokyo);
            ps.setDate(2, Date.valueOf(wall.toLocalDate()), lordHowe);
            ps.setTimestamp(3, Timestamp.valueOf(t), lordHowe);
            ps.addBatch();
          }
        };
        try (Connection c = TestUrls.connect(TestUrls.mem())) {
          List<String> avatica = stored(c, false, calls);
          assertEquals(18, avatica.size());
          assertEquals(avatica, stored(c, true, calls), zone);
        }
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void decimalsWithMoreDigitsRoundAsLiteralsDo() throws SQLException {
    List<String> values = List.of("1.005", "-1.005", "2.675", "0.125", "-0.125", "1.0049999", "99.994", "-99.9949",
        "1.23E+1", "1E-10");
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE lit (k INTEGER, amt DECIMAL(4,2))");
      s.executeUpdate("CREATE TABLE fast (k INTEGER, amt DECIMAL(4,2))");
      for (int k = 0; k < values.size(); k++) {
        s.executeUpdate("INSERT INTO lit VALUES (" + k + ", " + new BigDecimal(values.get(k)).toPlainString() + ")");
      }
      long[] before = paths(c);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO fast VALUES (?, ?)")) {
        for (int k = 0; k < values.size(); k++) {
          ps.setInt(1, k);
          ps.setBigDecimal(2, new BigDecimal(values.get(k)));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      assertEquals(before[0] + 1, paths(c)[0], "bound by column");
      assertEquals(JdbcRows.of(c, "SELECT * FROM lit ORDER BY k"), JdbcRows.of(c, "SELECT * FROM fast ORDER BY k"));
    }
  }
}
