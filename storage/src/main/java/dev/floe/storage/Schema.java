package dev.floe.storage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered columns of a table at one version. Immutable.
 *
 * @param columns columns in display order; ids and names are unique
 * @param primaryKey the names of the PRIMARY KEY columns in key order, empty for none;
 *     informational: recorded and reported, not enforced
 */
public record Schema(List<Column> columns, List<String> primaryKey) {
  public Schema {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    Set<Integer> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Column c : columns) {
      if (!ids.add(c.id())) {
        throw new IllegalArgumentException("duplicate column id " + c.id());
      }
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("duplicate column name '" + c.name() + "'");
      }
    }
    for (String k : primaryKey) {
      if (!names.contains(k)) {
        throw new IllegalArgumentException("primary key column '" + k + "' is not a column");
      }
    }
    if (new HashSet<>(primaryKey).size() != primaryKey.size()) {
      throw new IllegalArgumentException("primary key " + primaryKey + " names a column twice");
    }
  }

  /** A schema without a primary key. */
  public Schema(List<Column> columns) {
    this(columns, List.of());
  }

  public static Schema of(Column... columns) {
    return new Schema(List.of(columns));
  }

  public int size() {
    return columns.size();
  }

  public Column column(int index) {
    return columns.get(index);
  }

  /** The column with this name (exact match; the SQL layer normalizes case first). */
  public Optional<Column> byName(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The column with this id. */
  public Optional<Column> byId(int id) {
    return columns.stream().filter(c -> c.id() == id).findFirst();
  }

  /** The next unused column id: one more than the largest ever seen in this schema. */
  public int nextColumnId() {
    return columns.stream().mapToInt(Column::id).max().orElse(-1) + 1;
  }

  /** This schema with {@code column} appended. */
  public Schema withColumn(Column column) {
    List<Column> next = new ArrayList<>(columns);
    next.add(column);
    return new Schema(next, primaryKey);
  }
}
