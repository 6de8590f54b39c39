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
 * @param maxLength for VARCHAR, the declared length in characters ({@code VARCHAR(n)}), which
 *     every write enforces; 0 for none (unbounded, and every other type)
 */
public record Column(int id, String name, ColumnType type, boolean nullable, String defaultSql, int maxLength) {
  public Column {
    if (maxLength < 0 || maxLength > 0 && type.kind() != ColumnType.Kind.VARCHAR) {
      throw new IllegalArgumentException("a length applies to VARCHAR only and must be >= 0, got " + type
          + " of length " + maxLength);
    }
    if (id < 0) {
      throw new IllegalArgumentException("column id must be >= 0, got " + id);
    }
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("column name must not be empty");
    }
  }

  /** A column without a declared length. */
  public Column(int id, String name, ColumnType type, boolean nullable, String defaultSql) {
    this(id, name, type, nullable, defaultSql, 0);
  }

  /** This column with another NOT NULL flag. */
  public Column withNullable(boolean nullable) {
    return new Column(id, name, type, nullable, defaultSql, maxLength);
  }

  /**
   * Whether {@code value} is too long for this column: a VARCHAR(n) value of more than n
   * characters (Unicode code points).
   */
  public boolean tooLong(String value) {
    return maxLength > 0 && value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength;
  }

  /** The type as SQL writes it: {@code VARCHAR(5)} for a column with a length. */
  public String sqlType() {
    return maxLength > 0 ? type + "(" + maxLength + ")" : type.toString();
  }

  /** A column without a DEFAULT. */
  public Column(int id, String name, ColumnType type, boolean nullable) {
    this(id, name, type, nullable, null);
  }
}
