package dev.floe.spark;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.sources.Filter;

/**
 * One read task: some segments of one pinned version of one table (by root, so a table dropped and
 * created again under the name is never read instead), the columns to return and the filters to
 * push into the segment reader.
 *
 * @param spec the root
 * @param table the table's name
 * @param root the table's root ({@code tables/<b32>.<gen>/})
 * @param version the pinned version
 * @param segments the segments to read, each already kept by its stats
 * @param columns the column names to return, in order
 * @param filters Spark's filters that translate to a Floe predicate
 * @param timeType whether TIME columns are Spark's time(6) (else bigint micros)
 */
record SegmentPartition(StoreSpec spec, String table, String root, long version, List<SegmentRef> segments,
    List<String> columns, Filter[] filters, boolean timeType) implements InputPartition {
  private static final long serialVersionUID = 1L;

  SegmentPartition {
    segments = List.copyOf(segments);
    columns = List.copyOf(columns);
  }
}
