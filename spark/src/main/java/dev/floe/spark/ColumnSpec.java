package dev.floe.spark;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import java.io.Serializable;
import java.util.List;

/**
 * A table column as it travels to write tasks.
 *
 * @param id the column id
 * @param name the column name
 * @param type the type's text form ({@link ColumnType#toString()})
 * @param nullable whether NULL is allowed
 * @param maxLength a VARCHAR(n)'s n, else 0
 */
record ColumnSpec(int id, String name, String type, boolean nullable, int maxLength) implements Serializable {
  private static final long serialVersionUID = 1L;

  static List<ColumnSpec> of(Schema schema) {
    return schema.columns().stream()
        .map(c -> new ColumnSpec(c.id(), c.name(), c.type().toString(), c.nullable(), c.maxLength())).toList();
  }

  Column column() {
    return new Column(id, name, ColumnType.parse(type), nullable, null, maxLength);
  }
}
