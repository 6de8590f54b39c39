package dev.floe.storage.table;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Computes the new values of an UPDATE for one selected row, from the row's current values: for
 * {@code SET x = x + 1} and other expressions the SQL layer evaluates. Called once per selected
 * row, in row order, on the thread running the update.
 */
@FunctionalInterface
public interface RowUpdate {
  /**
   * @param rows the current rows of one segment, every column of the table's schema in schema order
   *     (columns the segment lacks are NULL); read only
   * @param row the index of a selected row in {@code rows}
   * @return the new values of the assigned columns, in the order they were named, in the physical
   *     domain (null for NULL)
   */
  Object[] apply(VectorSchemaRoot rows, int row);
}
