package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A DOUBLE, REAL or DECIMAL bound to an integer parameter rounds as PostgreSQL's assignment cast
 * (half to even from floats, half away from zero from numerics) and fails with 22003 out of range,
 * in single statements and in batches; Calcite took {@code intValue()} (9519.7 -> 9519, 3e9 ->
 * 2147483647).
 */
class IntegerParametersTest {
  @Test
  void roundedAndRangeChecked() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id INTEGER NOT NULL, i INTEGER, b BIGINT, si SMALLINT)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
        ps.setInt(1, 1);
        ps.setDouble(2, 9519.7);
        ps.setDouble(3, 2.5);
        ps.setFloat(4, 3.5f);
        assertEquals(1, ps.executeUpdate());
        ps.setInt(1, 2);
        ps.setBigDecimal(2, new BigDecimal("20.5"));
        ps.setBigDecimal(3, new BigDecimal("-20.5"));
        ps.setObject(4, -2.5);
        ps.addBatch();
        ps.setInt(1, 3);
        ps.setObject(2, new BigDecimal("0.49"));
        ps.setDouble(3, -0.5);
        ps.setDouble(4, 32767.4);
        ps.addBatch();
        assertEquals(2, ps.executeBatch().length);
        ps.setInt(1, 4);
        SQLException e = assertThrows(SQLException.class, () -> ps.setDouble(2, 3e9));
        assertEquals("22003", e.getSQLState(), e.toString());
        e = assertThrows(SQLException.class, () -> ps.setDouble(4, 32767.5));
        assertEquals("22003", e.getSQLState(), e.toString());
      }
      assertEquals(List.of("1|9520|2|4", "2|21|-21|-2", "3|0|0|32767"),
          JdbcRows.of(c, "SELECT * FROM t ORDER BY id"));
    }
  }
}
