package dev.floe.planner;

import dev.floe.planner.types.FloeTypes;
import dev.floe.storage.Column;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.TableVersion;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A Floe table as Calcite sees it. Its row type is the schema of the table's latest version, read
 * once per instance (the schema makes a new instance for each statement).
 */
public final class FloeTable extends AbstractTable implements ScannableTable {
  private final FloeStore store;
  private final String name;
  private volatile TableVersion version;

  FloeTable(FloeStore store, String name) {
    this.store = store;
    this.name = name;
  }

  /** The table's name in the catalog. */
  public String name() {
    return name;
  }

  /** The version this instance reads: the latest when first asked, then the same. */
  public TableVersion version() {
    TableVersion v = version;
    if (v == null) {
      v = store.table(name).latest();
      version = v;
    }
    return v;
  }

  /**
   * Rows of the pinned version. Until the data path is wired to segments, only an empty version
   * can be read; any other fails rather than return wrong rows.
   */
  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    if (version().rowCount() == 0) {
      return Linq4j.emptyEnumerable();
    }
    throw new UnsupportedOperationException("reading rows of table '" + name + "' (the segment"
        + " read path is not wired yet)");
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (Column c : version().schema().columns()) {
      b.add(c.name(), FloeTypes.toRelType(c.type(), c.nullable(), typeFactory));
    }
    return b.build();
  }
}
