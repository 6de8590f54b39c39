package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** getTypeInfo lists exactly the types a Floe column can have, as getColumns reports them. */
class TypeInfoTest {
  @Test
  void everyColumnTypeIsListedAndNothingElse() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      Map<String, Integer> info = new LinkedHashMap<>();
      List<Integer> order = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTypeInfo()) {
        assertEquals(18, rs.getMetaData().getColumnCount());
        while (rs.next()) {
          info.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
          order.add(rs.getInt("DATA_TYPE"));
        }
      }
      List<Integer> sorted = new ArrayList<>(order);
      sorted.sort(null);
      assertEquals(sorted, order, "ordered by DATA_TYPE, as JDBC requires");
      List<String> types = List.of("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE",
          "DECIMAL(10,2)", "VARCHAR", "VARBINARY", "DATE", "TIME", "TIMESTAMP", "TIMESTAMP WITH LOCAL TIME ZONE");
      StringBuilder ddl = new StringBuilder("CREATE TABLE alltypes (");
      for (int i = 0; i < types.size(); i++) {
        ddl.append(i > 0 ? ", " : "").append("c").append(i).append(' ').append(types.get(i));
      }
      s.executeUpdate(ddl.append(')').toString());
      Map<String, Integer> used = new LinkedHashMap<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, "floe", "alltypes", "%")) {
        while (rs.next()) {
          used.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
        }
      }
      assertEquals(types.size(), used.size(), "distinct type names: " + used);
      for (Map.Entry<String, Integer> e : used.entrySet()) {
        assertTrue(info.containsKey(e.getKey()), e.getKey() + " missing from getTypeInfo " + info.keySet());
        assertEquals(e.getValue(), info.get(e.getKey()), e.getKey());
      }
      assertEquals(used.keySet(), info.keySet(), "getTypeInfo lists no type Floe cannot store");
    }
  }
}
