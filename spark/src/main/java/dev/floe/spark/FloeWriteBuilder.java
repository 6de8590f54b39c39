package dev.floe.spark;

import dev.floe.storage.table.Table;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsOverwrite;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;

/**
 * An append; with {@link #truncate()} an overwrite of the whole table; with {@link
 * #overwrite(Filter[])} an overwrite of the rows the filters select, accepted only when every filter
 * translates exactly to a Floe predicate (the rows deleted must be exactly Spark's). Each is one
 * commit.
 */
final class FloeWriteBuilder implements WriteBuilder, SupportsOverwrite {
  private final StoreSpec spec;
  private final Table table;
  private final LogicalWriteInfo info;
  private boolean overwrite;
  /** The rows an overwrite replaces (null: all of them). */
  private Filter[] where;

  FloeWriteBuilder(StoreSpec spec, Table table, LogicalWriteInfo info) {
    this.spec = spec;
    this.table = table;
    this.info = info;
  }

  @Override
  public WriteBuilder truncate() {
    overwrite = true;
    where = null;
    return this;
  }

  @Override
  public boolean canOverwrite(Filter[] filters) {
    FilterTranslator t = new FilterTranslator(table.latest().schema());
    for (Filter f : filters) {
      if (t.translate(f).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public WriteBuilder overwrite(Filter[] filters) {
    overwrite = true;
    where = filters.clone();
    return this;
  }

  @Override
  public Write build() {
    return new Write() {
      @Override
      public BatchWrite toBatch() {
        dev.floe.storage.Schema schema = table.latest().schema();
        dev.floe.storage.segment.Predicate replaced = !overwrite ? null
            : where == null ? dev.floe.storage.segment.Predicate.TRUE : new FilterTranslator(schema).conjunction(where);
        return new FloeBatchWrite(spec, table, schema, info.schema(), replaced);
      }

      @Override
      public String description() {
        return (overwrite ? "Floe overwrite " : "Floe append ") + table.name()
            + (where == null ? "" : " where " + java.util.Arrays.toString(where));
      }
    };
  }
}
