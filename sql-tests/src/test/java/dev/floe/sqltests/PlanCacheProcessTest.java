package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The JVM's plan cache serving a pool (Spring's JdbcTemplate prepares per call) never outlives a
 * schema change made by another process: after a separate JVM adds a column, the same text is
 * planned afresh and returns the new column.
 */
class PlanCacheProcessTest {

  @Test
  void aColumnAddedByAnotherProcessIsSeenByTheNextCall() throws Exception {
    String url = Stores.fresh("file");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setDataSourceProperties(Stores.credentials());
    config.setMaximumPoolSize(2);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      jdbc.execute("CREATE TABLE t (id BIGINT, name VARCHAR)");
      jdbc.update("INSERT INTO t VALUES (?, ?)", 1L, "x");
      String q = "SELECT * FROM t WHERE id > ? ORDER BY id";
      for (int i = 0; i < 3; i++) { // planned once, then reused from the cache
        assertEquals(List.of(Map.of("ID", 1L, "NAME", "x")), upper(jdbc.queryForList(q, 0L)));
      }

      ChildJvm.Result child = ChildJvm.start("dev.floe.shell.FloeShell", List.of(url, "-e",
          "ALTER TABLE t ADD COLUMN qty INTEGER; INSERT INTO t VALUES (2, 'y', 7)")).await(120);
      assertEquals(0, child.exitStatus(), child.output());

      List<Map<String, Object>> rows = upper(jdbc.queryForList(q, 0L));
      assertEquals(2, rows.size(), rows.toString());
      assertEquals(java.util.Arrays.asList(1L, "x", null),
          java.util.Arrays.asList(rows.get(0).get("ID"), rows.get(0).get("NAME"), rows.get(0).get("QTY")));
      assertEquals(List.of(2L, "y", 7), java.util.Arrays.asList(rows.get(1).get("ID"), rows.get(1).get("NAME"), rows.get(1).get("QTY")),
          "the other process's column and row");
    }
  }

  private static List<Map<String, Object>> upper(List<Map<String, Object>> rows) {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      r.forEach((k, v) -> m.put(k.toUpperCase(java.util.Locale.ROOT), v));
      out.add(m);
    }
    return out;
  }
}
