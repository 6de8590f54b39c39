package dev.floe.storage.table;

import dev.floe.storage.commit.SequencedLog;
import java.util.Locale;

/**
 * One catalog op, fully described by its key {@code catalog/<b32(name)>/<20-digit gen>.<kind>}.
 * Generations of a name start at 1 and alternate create, drop, create...; the op with the highest
 * generation of a name is its state.
 *
 * @param name the table name
 * @param generation the generation this op takes
 * @param kind create or drop
 */
record CatalogOp(String name, long generation, Kind kind) {
  static final String PREFIX = "catalog/";

  enum Kind {
    CREATE,
    DROP;

    String suffix() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The kind of op that generation {@code g} must be: odd creates, even drops. */
  static Kind kindOf(long generation) {
    return generation % 2 == 1 ? Kind.CREATE : Kind.DROP;
  }

  String key() {
    return namePrefix(name) + SequencedLog.pad(generation) + "." + kind.suffix();
  }

  static String namePrefix(String name) {
    return PREFIX + TableNames.b32(name) + "/";
  }

  /** The op a key names, or null for any other key (folds, foreign objects). */
  static CatalogOp parse(String key) {
    if (!key.startsWith(PREFIX)) {
      return null;
    }
    String rest = key.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
      return null;
    }
    String name = TableNames.decode(rest.substring(0, slash));
    String file = rest.substring(slash + 1);
    int dot = file.indexOf('.');
    if (name == null || dot != 20) {
      return null;
    }
    String digits = file.substring(0, dot);
    long gen = dev.floe.storage.commit.SequencedLog.number(digits);
    if (gen < 0) {
      return null;
    }
    Kind kind;
    switch (file.substring(dot + 1)) {
      case "create" -> kind = Kind.CREATE;
      case "drop" -> kind = Kind.DROP;
      default -> {
        return null;
      }
    }
    return gen >= 1 && kindOf(gen) == kind ? new CatalogOp(name, gen, kind) : null;
  }

  /** Whether this op makes the table live. */
  boolean live() {
    return kind == Kind.CREATE;
  }
}
