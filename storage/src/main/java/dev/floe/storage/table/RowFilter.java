package dev.floe.storage.table;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Decides, row by row, which of the rows a DELETE's or UPDATE's pushed predicate selected the
 * statement really changes: for WHERE clauses the segment reader cannot evaluate (computed
 * expressions, subqueries), which the SQL layer evaluates itself. Called once per selected row, in
 * row order, on the thread running the statement.
 */
@FunctionalInterface
public interface RowFilter {
  /**
   * @param rows the current rows of one segment, every column of the table's schema in schema order
   *     (columns the segment lacks are NULL); read only
   * @param row the index of a row the predicate selected
   * @return whether the statement changes that row
   */
  boolean test(VectorSchemaRoot rows, int row);
}
