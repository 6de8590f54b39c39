package dev.floe.storage;

/**
 * A column of a table schema. Columns are identified by {@code id}, stable for the life of the
 * table and never reused, so a segment written before a column was added or renamed is still read
 * correctly (its chunks are keyed by id; a missing id reads as NULL).
 *
 * @param id stable column id, &gt;= 0, unique within the table
 * @param name the column's name as the user sees it (already case-normalized by the SQL layer)
 * @param type the column's SQL type
 * @param nullable false for NOT NULL columns
 * @param defaultSql the column's DEFAULT as SQL expression text (the SQL layer parses and checks
 *     it; storage only keeps it), or null for none (NULL)
 */
public record Column(int id, String name, ColumnType type, boolean nullable, String defaultSql) {
  public Column {
    if (id < 0) {
      throw new IllegalArgumentException("column id must be >= 0, got " + id);
    }
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("column name must not be empty");
    }
  }

  /** A column without a DEFAULT. */
  public Column(int id, String name, ColumnType type, boolean nullable) {
    this(id, name, type, nullable, null);
  }
}
