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
 * @param primaryKey the names of the PRIMARY KEY columns in key order, empty for none; every
 *     write enforces it (no two rows with the same key, RFC 0006), and its columns are NOT NULL
 * @param indexes UNIQUE constraints (enforced like the primary key) and plain indexes (recorded
 *     only), with distinct names
 */
public record Schema(List<Column> columns, List<String> primaryKey, List<Index> indexes) {
  public Schema {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    indexes = List.copyOf(indexes);
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
    Set<String> indexNames = new HashSet<>();
    for (Index i : indexes) {
      if (!indexNames.add(i.name())) {
        throw new IllegalArgumentException("two indexes are named '" + i.name() + "'");
      }
      for (String c : i.columns()) {
        if (!names.contains(c)) {
          throw new IllegalArgumentException("column '" + c + "' of index " + i.name() + " is not a column");
        }
      }
    }
  }

  /** A schema without indexes. */
  public Schema(List<Column> columns, List<String> primaryKey) {
    this(columns, primaryKey, List.of());
  }

  /** This schema with {@code index} added. */
  public Schema withIndex(Index index) {
    List<Index> next = new ArrayList<>(indexes);
    next.add(index);
    return new Schema(columns, primaryKey, next);
  }

  /** This schema without the index named {@code name} (unchanged if it has none). */
  public Schema withoutIndex(String name) {
    return new Schema(columns, primaryKey, indexes.stream().filter(i -> !i.name().equals(name)).toList());
  }

  /** The index named {@code name}. */
  public Optional<Index> index(String name) {
    return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
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
    return new Schema(next, primaryKey, indexes);
  }
}
