package dev.floe.spark;

import dev.floe.storage.table.Table;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;

/** An append, or with {@link #truncate()} an overwrite of the whole table; either is one commit. */
final class FloeWriteBuilder implements WriteBuilder, SupportsTruncate {
  private final StoreSpec spec;
  private final Table table;
  private final LogicalWriteInfo info;
  private boolean overwrite;

  FloeWriteBuilder(StoreSpec spec, Table table, LogicalWriteInfo info) {
    this.spec = spec;
    this.table = table;
    this.info = info;
  }

  @Override
  public WriteBuilder truncate() {
    overwrite = true;
    return this;
  }

  @Override
  public Write build() {
    return new Write() {
      @Override
      public BatchWrite toBatch() {
        return new FloeBatchWrite(spec, table, table.latest().schema(), info.schema(), overwrite);
      }

      @Override
      public String description() {
        return (overwrite ? "Floe overwrite " : "Floe append ") + table.name();
      }
    };
  }
}
