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
 */
public record Schema(List<Column> columns) {
  public Schema {
    columns = List.copyOf(columns);
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
    return new Schema(next);
  }
}
