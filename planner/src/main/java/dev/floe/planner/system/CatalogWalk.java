package dev.floe.planner.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.DataContext;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * The tables a connection sees, schema by schema and table by table in name order, as {@code
 * information_schema} lists them: Calcite's own {@code metadata} schema is left out.
 */
final class CatalogWalk {
  private CatalogWalk() {}

  /** One table (or view) of the catalog. */
  record Entry(String schema, String name, Table table) {
    /** The standard's {@code table_type}: {@code BASE TABLE}, {@code VIEW} or {@code SYSTEM TABLE}. */
    String type() {
      Schema.TableType t = table.getJdbcTableType();
      return t == Schema.TableType.TABLE ? "BASE TABLE" : t == Schema.TableType.VIEW ? "VIEW" : "SYSTEM TABLE";
    }
  }

  /** Every table of every schema under {@code root}'s root schema. */
  static List<Entry> tables(DataContext root) {
    SchemaPlus rootSchema = root.getRootSchema();
    List<Entry> out = new ArrayList<>();
    if (rootSchema == null) {
      return out;
    }
    for (String s : sorted(rootSchema.subSchemas().getNames(LikePattern.any()))) {
      SchemaPlus schema = rootSchema.subSchemas().get(s);
      if (schema == null || s.equals("metadata")) {
        continue;
      }
      for (String t : sorted(schema.tables().getNames(LikePattern.any()))) {
        Table table = schema.tables().get(t);
        if (table != null) { // null: dropped since the names were listed
          out.add(new Entry(s, t, table));
        }
      }
    }
    return out;
  }

  private static Set<String> sorted(Set<String> names) {
    return new TreeSet<>(names);
  }
}
