package dev.floe.spark;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;

/**
 * Creates the write tasks' writers; serialized to the executors. Names the table by root, so a task
 * never stages into a table dropped and created again under the name.
 *
 * @param spec the root
 * @param table the table's name
 * @param root the table's root
 * @param columns the table's columns at planning time, in schema order
 * @param ordinals per column, the field of Spark's rows holding it (-1: NULL)
 * @param timeType whether TIME columns come as Spark's time(6) (else bigint micros)
 */
record FloeWriterFactory(StoreSpec spec, String table, String root, List<ColumnSpec> columns, int[] ordinals,
    boolean timeType)
    implements DataWriterFactory {
  private static final long serialVersionUID = 1L;

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
    return new StagingWriter(this);
  }
}
