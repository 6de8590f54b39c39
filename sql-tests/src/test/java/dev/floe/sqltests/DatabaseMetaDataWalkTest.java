package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link DatabaseMetaData} calls a GUI client such as DBeaver makes on connect and while a user
 * expands its navigator (catalogs, schemas, tables, columns, keys, indexes, types, routines), each
 * of which must return a well-formed result set: the columns JDBC specifies, in order, every row
 * readable by index and by label with the same value. Then every no-argument method (the
 * {@code supportsX}, {@code getMaxX}, names and versions) is called and none may throw.
 */
class DatabaseMetaDataWalkTest {

  static List<String> kinds() {
    return Stores.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theNavigatorWalkReturnsWellFormedResultSets(String kind) throws Exception {
    try (Connection c = Stores.connect(Stores.fresh(kind))) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE orders (id BIGINT NOT NULL, customer VARCHAR, amount DECIMAL(10,2), PRIMARY KEY (id))");
        s.execute("CREATE TABLE customers (name VARCHAR NOT NULL, since DATE)");
      }
      DatabaseMetaData md = c.getMetaData();

      List<Map<String, Object>> catalogs = walk(md.getCatalogs(), "TABLE_CAT");
      List<Map<String, Object>> schemas = walk(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG");
      assertFalse(schemas.isEmpty(), "at least the schema holding the tables");
      String catalog = catalogs.isEmpty() ? null : (String) catalogs.get(0).get("TABLE_CAT");
      walk(md.getSchemas(catalog, null), "TABLE_SCHEM", "TABLE_CATALOG");
      walk(md.getSchemas(null, "%"), "TABLE_SCHEM", "TABLE_CATALOG");

      List<Map<String, Object>> types = walk(md.getTableTypes(), "TABLE_TYPE");
      assertEquals(List.of("SYSTEM TABLE", "TABLE", "VIEW"), types.stream().map(t -> t.get("TABLE_TYPE")).toList(),
          "floe_system's tables are SYSTEM TABLEs, so the type must be listed");

      List<Map<String, Object>> all = walk(md.getTables(null, null, null, null),
          "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS",
          "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
      Map<String, Object> orders = all.stream()
          .filter(r -> "orders".equalsIgnoreCase((String) r.get("TABLE_NAME")))
          .findFirst().orElseThrow(() -> new AssertionError("orders not listed: " + all));
      String schema = (String) orders.get("TABLE_SCHEM");
      String ordersName = (String) orders.get("TABLE_NAME");
      String tableType = (String) orders.get("TABLE_TYPE");
      assertTrue(types.stream().anyMatch(t -> tableType.equals(t.get("TABLE_TYPE"))),
          "the table's type " + tableType + " is one of getTableTypes " + types);

      List<Map<String, Object>> specific = walk(md.getTables(catalog, schema, ordersName, new String[] {tableType}),
          "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS");
      assertEquals(1, specific.size(), specific.toString());
      List<Map<String, Object>> inSchema = walk(md.getTables(catalog, schema, "%", null),
          "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS");
      assertTrue(inSchema.stream().anyMatch(r -> "customers".equalsIgnoreCase((String) r.get("TABLE_NAME"))));

      List<Map<String, Object>> columns = walk(md.getColumns(catalog, schema, ordersName, null),
          "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
          "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS",
          "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
          "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE",
          "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");
      columns.sort(Comparator.comparing(r -> ((Number) r.get("ORDINAL_POSITION")).intValue()));
      assertEquals(List.of("id", "customer", "amount"),
          columns.stream().map(r -> ((String) r.get("COLUMN_NAME")).toLowerCase()).toList());
      assertEquals(Types.BIGINT, ((Number) columns.get(0).get("DATA_TYPE")).intValue());
      assertEquals("NO", columns.get(0).get("IS_NULLABLE"));
      assertEquals(DatabaseMetaData.columnNoNulls, ((Number) columns.get(0).get("NULLABLE")).intValue());
      assertEquals(Types.VARCHAR, ((Number) columns.get(1).get("DATA_TYPE")).intValue());
      assertEquals("YES", columns.get(1).get("IS_NULLABLE"));
      assertEquals(Types.DECIMAL, ((Number) columns.get(2).get("DATA_TYPE")).intValue());
      assertEquals(10, ((Number) columns.get(2).get("COLUMN_SIZE")).intValue());
      assertEquals(2, ((Number) columns.get(2).get("DECIMAL_DIGITS")).intValue());
      walk(md.getColumns(null, null, null, null), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME");
      walk(md.getColumns(catalog, schema, "%", "%"), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME");

      List<Map<String, Object>> key = walk(md.getPrimaryKeys(catalog, schema, ordersName),
          "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
      assertEquals(1, key.size(), key.toString());
      assertEquals("id", ((String) key.get(0).get("COLUMN_NAME")).toLowerCase());
      assertEquals(1, ((Number) key.get(0).get("KEY_SEQ")).intValue());
      assertEquals(List.of(), walk(md.getPrimaryKeys(catalog, schema, "customers"), "TABLE_CAT"));
      walk(md.getIndexInfo(catalog, schema, ordersName, false, true),
          "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER", "INDEX_NAME", "TYPE",
          "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES", "FILTER_CONDITION");
      // JDBC names the 14th column DEFERRABILITY; Avatica spells it DEFERABILITY. Floe has no foreign
      // keys, so these result sets are always empty and no client reads the column by name.
      String[] keyColumns = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
          "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
          "DELETE_RULE", "FK_NAME", "PK_NAME"};
      assertEquals(List.of(), walk(md.getImportedKeys(catalog, schema, ordersName), keyColumns));
      assertEquals(List.of(), walk(md.getExportedKeys(catalog, schema, ordersName), keyColumns));
      assertEquals(List.of(), walk(md.getCrossReference(catalog, schema, ordersName, catalog, schema, "customers"),
          keyColumns));

      List<Map<String, Object>> typeInfo = walk(md.getTypeInfo(),
          "TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS",
          "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE",
          "AUTO_INCREMENT", "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE", "SQL_DATA_TYPE",
          "SQL_DATETIME_SUB", "NUM_PREC_RADIX");
      Set<Integer> typeCodes = new HashSet<>();
      typeInfo.forEach(r -> typeCodes.add(((Number) r.get("DATA_TYPE")).intValue()));
      assertTrue(typeCodes.containsAll(List.of(Types.BIGINT, Types.INTEGER, Types.VARCHAR, Types.DECIMAL)),
          "getTypeInfo lists the types Floe stores: " + typeCodes);

      walk(md.getFunctions(catalog, schema, "%"),
          "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME");
      walk(md.getFunctions(null, null, null), "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME");
      walk(md.getFunctionColumns(catalog, schema, "%", "%"),
          "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE");
      walk(md.getProcedures(catalog, schema, "%"),
          "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME");
      walk(md.getProcedures(null, null, null), "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME");
      walk(md.getProcedureColumns(catalog, schema, "%", "%"),
          "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE");
      walk(md.getUDTs(catalog, schema, "%", null),
          "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE", "REMARKS", "BASE_TYPE");
      walk(md.getUDTs(null, null, null, null), "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME");
      walk(md.getClientInfoProperties(), "NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION");
      walk(md.getSuperTables(catalog, schema, "%"), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME");
      walk(md.getSuperTypes(catalog, schema, "%"), "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME");
      walk(md.getVersionColumns(catalog, schema, ordersName),
          "SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH",
          "DECIMAL_DIGITS", "PSEUDO_COLUMN");
      walk(md.getBestRowIdentifier(catalog, schema, ordersName, DatabaseMetaData.bestRowSession, true),
          "SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH",
          "DECIMAL_DIGITS", "PSEUDO_COLUMN");
      walk(md.getTablePrivileges(catalog, schema, "%"),
          "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
      walk(md.getColumnPrivileges(catalog, schema, ordersName, "%"),
          "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE");
      walk(md.getPseudoColumns(catalog, schema, "%", "%"),
          "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE");
      walk(md.getAttributes(catalog, schema, "%", "%"), "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "ATTR_NAME");

      assertEquals("Floe", md.getDatabaseProductName());
      assertNotNull(md.getDatabaseProductVersion());
      assertEquals("Floe JDBC Driver", md.getDriverName());
      assertNotNull(md.getDriverVersion());
      assertTrue(md.getDriverMajorVersion() >= 0 && md.getDriverMinorVersion() >= 0);
      assertEquals(4, md.getJDBCMajorVersion());
      assertEquals("\"", md.getIdentifierQuoteString());
      assertNotNull(md.getSQLKeywords());
      assertNotNull(md.getSearchStringEscape());
      assertNotNull(md.getExtraNameCharacters());
      assertTrue(md.supportsTransactions());
      assertEquals(Connection.TRANSACTION_READ_COMMITTED, md.getDefaultTransactionIsolation());
      assertEquals(md.getDefaultTransactionIsolation(), md.getConnection().getTransactionIsolation(),
          "the connection's isolation is the default one it reports");
      assertTrue(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
      assertTrue(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY));
      assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, md.getResultSetHoldability());
      assertTrue(md.supportsResultSetHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT));
      assertFalse(md.supportsResultSetHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT));
      md.supportsConvert(Types.INTEGER, Types.BIGINT);
      md.supportsConvert();
      assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE));
      for (int type : new int[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE,
          ResultSet.TYPE_SCROLL_SENSITIVE}) {
        // read-only result sets over what was committed when the query started
        assertFalse(md.ownUpdatesAreVisible(type) || md.ownDeletesAreVisible(type) || md.ownInsertsAreVisible(type));
        assertFalse(md.othersUpdatesAreVisible(type) || md.othersDeletesAreVisible(type)
            || md.othersInsertsAreVisible(type));
        assertFalse(md.updatesAreDetected(type) || md.deletesAreDetected(type) || md.insertsAreDetected(type));
      }
      assertTrue(md.getConnection() == c, "getConnection returns the connection it came from");
    }
  }

  /**
   * What the metadata promises about open result sets holds: one stays readable over a commit
   * (HOLD_CURSORS_OVER_COMMIT) and sees neither that commit's rows nor another connection's.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void anOpenResultSetIsHeldOverCommitAndSeesNoLaterChanges(String kind) throws Exception {
    String url = Stores.fresh(kind);
    try (Connection c = Stores.connect(url); Connection other = Stores.connect(url)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE nums (n INT NOT NULL, label VARCHAR)");
        s.execute("INSERT INTO nums VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n, label FROM nums ORDER BY n")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
        try (Statement w = c.createStatement()) {
          w.executeUpdate("INSERT INTO nums VALUES (4, 'd')");
        }
        c.commit();
        try (Statement w = other.createStatement()) {
          w.executeUpdate("INSERT INTO nums VALUES (5, 'e')");
        }
        List<Integer> rest = new ArrayList<>();
        while (rs.next()) {
          rest.add(rs.getInt(1));
        }
        assertEquals(List.of(2, 3), rest);
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM nums")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getLong(1));
      }
      c.commit();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyNoArgumentMethodAnswersWithoutThrowing(String kind) throws Exception {
    try (Connection c = Stores.connect(Stores.fresh(kind))) {
      DatabaseMetaData md = c.getMetaData();
      List<String> failures = new ArrayList<>();
      Method[] methods = DatabaseMetaData.class.getMethods();
      Arrays.sort(methods, Comparator.comparing(Method::getName));
      int called = 0;
      for (Method m : methods) {
        if (m.getParameterCount() != 0 || m.getName().equals("getConnection")) {
          continue;
        }
        called++;
        try {
          Object answer = m.invoke(md);
          if (answer instanceof ResultSet rs) {
            walk(rs);
          } else if (m.getReturnType() != void.class && !m.getReturnType().isPrimitive() && answer == null
              && !m.getName().equals("getRowIdLifetime")) {
            // Strings: JDBC allows none of these to be null except where stated
            if (!Set.of("getUserName").contains(m.getName())) {
              failures.add(m.getName() + " returned null");
            }
          }
        } catch (InvocationTargetException e) {
          failures.add(m.getName() + " threw " + e.getCause());
        }
      }
      assertTrue(called > 100, "walked " + called + " methods");
      assertEquals(List.of(), failures);
    }
  }

  /**
   * Reads every row of {@code rs} (closing it), each column by index and by label, checks the
   * leading columns are {@code expectedLeadingColumns} in order, and returns the rows by label.
   */
  static List<Map<String, Object>> walk(ResultSet rs, String... expectedLeadingColumns) throws SQLException {
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      int n = meta.getColumnCount();
      assertTrue(n >= expectedLeadingColumns.length && n > 0, "column count " + n);
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        String label = meta.getColumnLabel(i);
        assertNotNull(label);
        assertFalse(label.isEmpty());
        assertNotNull(meta.getColumnTypeName(i), label);
        meta.getColumnType(i);
        meta.getColumnClassName(i);
        meta.isNullable(i);
        labels.add(label);
      }
      assertEquals(Arrays.asList(expectedLeadingColumns), labels.subList(0, expectedLeadingColumns.length),
          "leading columns");
      assertEquals(labels.size(), new HashSet<>(labels).size(), "labels unique: " + labels);
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
          Object byIndex = rs.getObject(i);
          boolean wasNull = rs.wasNull();
          Object byLabel = rs.getObject(labels.get(i - 1));
          if (!Objects.equals(byIndex, byLabel)) {
            fail("column " + labels.get(i - 1) + ": by index " + byIndex + ", by label " + byLabel);
          }
          assertEquals(byIndex == null, wasNull, labels.get(i - 1) + " wasNull");
          String text = rs.getString(i);
          assertEquals(byIndex == null, text == null, labels.get(i - 1) + " getString");
          row.put(labels.get(i - 1), byIndex);
        }
        rows.add(row);
      }
      assertFalse(rs.next(), "next() after the end stays false");
      return rows;
    }
  }
}
