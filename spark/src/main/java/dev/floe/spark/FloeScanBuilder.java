package dev.floe.spark;

import dev.floe.storage.Column;
import dev.floe.storage.table.TableVersion;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the scan of one pinned version: the filters Floe can evaluate ({@link FilterTranslator})
 * prune segments by their stats when partitions are planned and select rows in the segment reader;
 * the required columns are the only chunks fetched. Every filter is also handed back to Spark as a
 * post-scan filter: Floe's pushdown saves work, Spark's evaluation decides the answer.
 */
final class FloeScanBuilder implements ScanBuilder, SupportsPushDownFilters, SupportsPushDownRequiredColumns {
  private final StoreSpec spec;
  private final TableVersion version;
  private final long partitionBytes;
  private List<Column> columns;
  private Filter[] pushed = new Filter[0];

  FloeScanBuilder(StoreSpec spec, TableVersion version, long partitionBytes) {
    this.spec = spec;
    this.version = version;
    this.partitionBytes = partitionBytes;
    this.columns = version.schema().columns();
  }

  @Override
  public Filter[] pushFilters(Filter[] filters) {
    FilterTranslator t = new FilterTranslator(version.schema());
    List<Filter> taken = new ArrayList<>();
    for (Filter f : filters) {
      if (t.translate(f).isPresent()) {
        taken.add(f);
      }
    }
    pushed = taken.toArray(new Filter[0]);
    return filters; // all of them stay in Spark's plan too
  }

  @Override
  public Filter[] pushedFilters() {
    return pushed.clone();
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    List<Column> kept = new ArrayList<>();
    for (StructField f : requiredSchema.fields()) {
      version.schema().byName(f.name()).ifPresent(kept::add);
    }
    columns = kept;
  }

  @Override
  public Scan build() {
    return new FloeScan(spec, version, columns, pushed, partitionBytes);
  }
}
