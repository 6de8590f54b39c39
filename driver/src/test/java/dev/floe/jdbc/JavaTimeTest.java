package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JDBC 4.2's java.time values through {@code setObject} and {@code getObject(column, type)}. */
class JavaTimeTest {
  private static final LocalDate DAY = LocalDate.of(2026, 2, 28);
  private static final LocalDateTime WALL = LocalDateTime.of(2026, 2, 28, 23, 59, 59, 123_000_000);
  private static final LocalTime NOON = LocalTime.of(12, 30, 15, 250_000_000);
  private static final Instant INSTANT = Instant.parse("2026-01-01T08:00:00.5Z");

  @Test
  void javaTimeValuesBindAndReadBack() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE jt (id BIGINT, d DATE, ts TIMESTAMP(3), tm TIME(3), ltz TIMESTAMP(3) WITH LOCAL TIME ZONE)");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO jt VALUES (?, ?, ?, ?, ?)")) {
        p.setLong(1, 1); // one row at a time
        p.setObject(2, DAY);
        p.setObject(3, WALL);
        p.setObject(4, NOON);
        p.setObject(5, INSTANT);
        assertEquals(1, p.executeUpdate());
        for (long id = 2; id <= 3; id++) { // a batch, bound by column
          p.setLong(1, id);
          p.setObject(2, DAY.plusDays(id), Types.DATE);
          p.setObject(3, WALL.plusHours(id));
          p.setObject(4, NOON.plusMinutes(id));
          p.setObject(5, id == 2 ? INSTANT.atOffset(java.time.ZoneOffset.ofHours(5)) : INSTANT.atZone(ZoneId.of("Asia/Tokyo")));
          p.addBatch();
        }
        p.setLong(1, 4);
        p.setObject(2, null);
        p.setNull(3, Types.TIMESTAMP);
        p.setObject(4, null);
        p.setObject(5, null);
        p.addBatch();
        assertEquals(3, p.executeBatch().length);
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM jt ORDER BY id")) {
        assertTrue(rs.next());
        assertEquals(DAY, rs.getObject(2, LocalDate.class));
        assertEquals(WALL, rs.getObject("ts", LocalDateTime.class));
        assertEquals(NOON, rs.getObject(4, LocalTime.class), "to the millisecond");
        assertEquals(INSTANT, rs.getObject(5, Instant.class));
        assertEquals(INSTANT, rs.getObject(5, OffsetDateTime.class).toInstant());
        assertEquals(INSTANT, rs.getObject("ltz", ZonedDateTime.class).toInstant());
        assertTrue(rs.next());
        assertEquals(DAY.plusDays(2), rs.getObject(2, LocalDate.class));
        assertEquals(WALL.plusHours(2), rs.getObject(3, LocalDateTime.class));
        assertEquals(NOON.plusMinutes(2), rs.getObject(4, LocalTime.class));
        assertEquals(INSTANT, rs.getObject(5, Instant.class), "an offset date-time is its instant");
        assertTrue(rs.next());
        assertEquals(INSTANT, rs.getObject(5, Instant.class), "a zoned date-time is its instant");
        assertTrue(rs.next());
        assertNull(rs.getObject(2, LocalDate.class));
        assertNull(rs.getObject(3, LocalDateTime.class));
        assertNull(rs.getObject(4, LocalTime.class));
        assertNull(rs.getObject(5, Instant.class));
      }
      try (PreparedStatement q = c.prepareStatement("SELECT id FROM jt WHERE d = ? OR ts > ? ORDER BY id")) {
        q.setObject(1, DAY);
        q.setObject(2, WALL.plusHours(2));
        try (ResultSet rs = q.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(1, rs.getLong(1));
          assertTrue(rs.next());
          assertEquals(3, rs.getLong(1), "filters take java.time parameters too");
        }
      }
      assertEquals(List.of("1"), JdbcRows.of(c, "SELECT id FROM jt WHERE ts = TIMESTAMP '2026-02-28 23:59:59.123'"
          + " AND tm = TIME '12:30:15.250' AND d = DATE '2026-02-28'"), "stored as the wall clock it was given");
    }
  }
}
