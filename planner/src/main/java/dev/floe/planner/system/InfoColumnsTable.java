package dev.floe.planner.system;

import dev.floe.storage.table.FloeStore;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code information_schema.columns}: one row per column of each table or view the connection
 * sees, in the table's order: {@code table_catalog}, {@code table_schema}, {@code table_name},
 * {@code column_name}, {@code ordinal_position} (from 1), {@code is_nullable} ({@code YES} or
 * {@code NO}), {@code data_type} (the SQL type's name without length, as {@code VARCHAR}, {@code
 * DECIMAL}, {@code TIMESTAMP}), {@code character_maximum_length}, {@code numeric_precision},
 * {@code numeric_scale} (NULL where they do not apply). A view whose query no longer validates
 * (a table under it was dropped) has no rows.
 */
final class InfoColumnsTable extends CatalogTable {
  InfoColumnsTable(FloeStore store, String catalog) {
    super(store, "columns", catalog);
  }

  @Override
  List<Col> columns() {
    return withNameColumns(
        new Col("column_name", SqlTypeName.VARCHAR, false),
        new Col("ordinal_position", SqlTypeName.INTEGER, false),
        new Col("is_nullable", SqlTypeName.VARCHAR, false),
        new Col("data_type", SqlTypeName.VARCHAR, false),
        new Col("character_maximum_length", SqlTypeName.INTEGER, true),
        new Col("numeric_precision", SqlTypeName.INTEGER, true),
        new Col("numeric_scale", SqlTypeName.INTEGER, true));
  }

  @Override
  void rows(DataContext root, TimeZone zone, List<Object[]> out) {
    for (CatalogWalk.Entry e : CatalogWalk.tables(root)) {
      List<RelDataTypeField> fields;
      try {
        fields = e.table().getRowType(root.getTypeFactory()).getFieldList();
      } catch (RuntimeException broken) {
        continue; // a view over a dropped table: reading it says why
      }
      for (RelDataTypeField f : fields) {
        RelDataType t = f.getType();
        SqlTypeName name = t.getSqlTypeName();
        boolean chars = SqlTypeFamily.CHARACTER.contains(t) || SqlTypeFamily.BINARY.contains(t);
        boolean decimal = name == SqlTypeName.DECIMAL;
        boolean integer = SqlTypeName.INT_TYPES.contains(name);
        Integer length = chars && t.getPrecision() >= 0 ? Integer.valueOf(t.getPrecision()) : null;
        Integer precision = decimal || integer ? Integer.valueOf(t.getPrecision()) : null;
        Integer scale = decimal ? Integer.valueOf(t.getScale()) : integer ? Integer.valueOf(0) : null;
        out.add(new Object[] {catalog, e.schema(), e.name(), f.getName(), f.getIndex() + 1,
            t.isNullable() ? "YES" : "NO", name.getSpaceName(), length, precision, scale});
      }
    }
  }
}
