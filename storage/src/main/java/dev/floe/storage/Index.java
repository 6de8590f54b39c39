package dev.floe.storage;

import java.util.HashSet;
import java.util.List;

/**
 * A named index of a table's schema: a UNIQUE constraint ({@code unique} true: every write
 * enforces it, see {@code docs/rfcs/0006-keys.md}), or a plain {@code CREATE INDEX}, which is
 * recorded and reported through metadata and changes nothing else (segment stats already prune
 * point lookups on any column).
 *
 * @param name the index's name, unique among a table's indexes
 * @param columns the indexed columns' names, in key order, at least one, each once
 * @param unique whether no two rows may hold the same non-NULL key (a key with a NULL in any of
 *     its columns is distinct from every other, as in SQL)
 */
public record Index(String name, List<String> columns, boolean unique) {
  public Index {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("an index needs a name");
    }
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("index " + name + " has no column");
    }
    if (new HashSet<>(columns).size() != columns.size()) {
      throw new IllegalArgumentException("index " + name + " names a column twice: " + columns);
    }
  }
}
