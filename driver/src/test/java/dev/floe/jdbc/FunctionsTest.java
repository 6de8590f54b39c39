package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Functions beyond the SQL standard's (Calcite's PostgreSQL library), called by names in any case,
 * over literals and over stored columns.
 */
class FunctionsTest {

  @Test
  void postgresqlFunctionsAnswerInAnyCase() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      assertEquals(List.of("3|ab|5|a-b|b|aaa|0cc175b9c0f1b6a831c399e269772661|2026-01"), JdbcRows.of(c,
          "SELECT LENGTH('abc'), left('abc', 2), Greatest(1, 5, 3), CONCAT_WS('-', 'a', 'b'), split_part('a,b', ',', 2),"
              + " REPEAT('a', 3), md5('a'), TO_CHAR(TIMESTAMP '2026-01-01 10:17:00', 'YYYY-MM')"));
      assertEquals(List.of("1|1|A|2"), JdbcRows.of(c, "SELECT mod(7, 3), ABS(-1), upper('a'), Char_Length('ab')"),
          "the standard's functions as before");
      s.executeUpdate("CREATE TABLE names (id INTEGER, name VARCHAR)");
      s.executeUpdate("INSERT INTO names VALUES (1, 'Ann'), (2, 'bob'), (3, 'ANNE'), (4, NULL)");
      assertEquals(List.of("1", "3"), JdbcRows.of(c, "SELECT id FROM names WHERE name ILIKE 'ann%' ORDER BY id"),
          "ILIKE is not pushed into the scan as a case-sensitive LIKE prefix");
      assertEquals(List.of(), JdbcRows.of(c, "SELECT id FROM names WHERE name LIKE 'ann%'"), "LIKE minds case");
      assertEquals(List.of("2", "4"), JdbcRows.of(c, "SELECT id FROM names WHERE name NOT ILIKE 'ann%' OR name IS NULL ORDER BY id"));
      assertEquals(List.of("Ann,bob,ANNE"), JdbcRows.of(c, "SELECT STRING_AGG(name, ',' ORDER BY id) FROM names"));
      assertEquals(List.of("1|3", "2|3", "3|4", "4|null"), JdbcRows.of(c, "SELECT id, LENGTH(name) FROM names ORDER BY id"));
      try (PreparedStatement p = c.prepareStatement("SELECT id FROM names WHERE LENGTH(name) > ? ORDER BY id")) {
        p.setInt(1, 3);
        assertEquals(List.of("3"), JdbcRows.of(p.executeQuery()));
      }
    }
  }
}
