package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batches of plain INSERT ... VALUES (?, ...) bound straight into segments give exactly what
 * Calcite's path gives for every type, and fall back to it wherever a value needs converting.
 */
class DirectBatchTest {
  private static final String TYPES = "(b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT, r REAL, d DOUBLE,"
      + " amt DECIMAL(9,2), v VARCHAR, vb VARBINARY, dt DATE, tm TIME, ts TIMESTAMP, ltz TIMESTAMP WITH LOCAL TIME ZONE)";

  private static void bind(PreparedStatement ps, int k) throws SQLException {
    ps.setBoolean(1, k % 2 == 0);
    ps.setByte(2, (byte) k);
    ps.setShort(3, (short) (k * 100));
    ps.setInt(4, k * 100_000);
    ps.setLong(5, k * 10_000_000_000L);
    ps.setFloat(6, k + 0.25f);
    ps.setDouble(7, k / 3.0);
    ps.setBigDecimal(8, new BigDecimal(k + ".5"));
    ps.setString(9, "row " + k);
    ps.setBytes(10, new byte[] {(byte) k, 7});
    ps.setDate(11, Date.valueOf("2024-02-" + (10 + k)));
    ps.setTime(12, Time.valueOf("12:34:" + (10 + k)));
    ps.setTimestamp(13, Timestamp.valueOf("2024-03-01 10:00:" + (10 + k) + ".123"));
    ps.setTimestamp(14, Timestamp.valueOf("2024-03-01 11:00:" + (10 + k) + ".5"));
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void directRowsEqualCalcitesRowsForEveryType(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url)) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE direct " + TYPES);
        s.executeUpdate("CREATE TABLE planned " + TYPES);
      }
      try (PreparedStatement direct = c.prepareStatement("INSERT INTO direct VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
          PreparedStatement planned = c.prepareStatement("INSERT INTO planned VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (int k = 0; k < 5; k++) {
          bind(direct, k);
          direct.addBatch();
          bind(planned, k);
          planned.executeUpdate(); // one statement at a time: Calcite's path
        }
        for (int p = 1; p <= 14; p++) {
          direct.setNull(p, java.sql.Types.NULL);
        }
        direct.addBatch();
        assertEquals(6, direct.executeBatch().length);
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO planned (b) VALUES (NULL)");
        }
      }
      List<String> expected = JdbcRows.of(c, "SELECT * FROM planned ORDER BY i NULLS LAST");
      assertEquals(6, expected.size());
      assertEquals(expected, JdbcRows.of(c, "SELECT * FROM direct ORDER BY i NULLS LAST"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void conversionsDefaultsErrorsAndTransactionsTakeTheRightPath(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url)) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, amount DECIMAL(6,2), note VARCHAR DEFAULT 'none')");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, amount) VALUES (?, ?)")) {
        ps.setLong(1, 1);
        ps.setBigDecimal(2, new BigDecimal("1.005")); // Calcite rounds half up to 1.01
        ps.addBatch();
        ps.setInt(1, 2); // widened to BIGINT
        ps.setInt(2, 3);
        ps.addBatch();
        assertEquals(2, ps.executeBatch().length);
        ps.setString(1, "3"); // text for a BIGINT: an error, as in PostgreSQL, and nothing committed
        ps.setInt(2, 3);
        ps.addBatch();
        SQLException e = assertThrows(SQLException.class, ps::executeBatch);
        assertEquals("42804", e.getSQLState(), e.toString());
        ps.clearBatch();
      }
      assertEquals(List.of("1|1.01|none", "2|3.00|none"), JdbcRows.of(c, "SELECT * FROM t ORDER BY id"));
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (note, amount, id) VALUES (?, ?, ?)")) {
        ps.setString(1, "direct");
        ps.setBigDecimal(2, new BigDecimal("2.5"));
        ps.setLong(3, 3);
        ps.addBatch();
        ps.setString(1, "bad");
        ps.setBigDecimal(2, BigDecimal.ONE);
        ps.setNull(3, java.sql.Types.BIGINT);
        ps.addBatch();
        SQLException e = assertThrows(SQLException.class, ps::executeBatch);
        assertTrue(e.getSQLState() != null && e.getSQLState().equals("23502"), e.getSQLState() + " " + e);
        assertEquals(List.of("2"), JdbcRows.of(c, "SELECT COUNT(*) FROM t"), "a failed batch commits nothing");
        ps.clearBatch();
        c.setAutoCommit(false);
        ps.setString(1, "in tx");
        ps.setBigDecimal(2, new BigDecimal("9.99"));
        ps.setLong(3, 4);
        ps.addBatch();
        ps.executeBatch();
        assertEquals(List.of("4|9.99|in tx"), JdbcRows.of(c, "SELECT * FROM t WHERE id = 4"), "reads its own batch");
        try (Connection other = TestUrls.connect(url)) {
          assertEquals(List.of("2"), JdbcRows.of(other, "SELECT COUNT(*) FROM t"), "others wait for COMMIT");
        }
        c.rollback();
        assertEquals(List.of("2"), JdbcRows.of(c, "SELECT COUNT(*) FROM t"));
      }
    }
  }
}
