package dev.floe.planner.csv;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.impl.TableMacroImpl;

/**
 * The table function {@code floe.read_csv(path [, columns])}: a CSV file with a header line as a
 * table, for {@code CREATE TABLE t AS SELECT * FROM TABLE(floe.read_csv('ticks.csv'))} or {@code
 * INSERT INTO t SELECT ... FROM TABLE(floe.read_csv(...))}.
 *
 * <p>Without {@code columns}, names come from the header and each column's type is inferred from
 * all of its values (one extra pass over the file when the statement is prepared; the result is
 * remembered while the file's size and modification time stay the same). With {@code columns}
 * ({@code 'id BIGINT, name VARCHAR, ...'}, one per field) nothing is inferred and a value that does
 * not parse fails the statement with its line and column. Arguments must be literals. Paths are
 * local files, relative to the JVM's working directory.
 */
public final class ReadCsv {
  private static final Map<List<Object>, CsvSchema> SCHEMAS = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<List<Object>, CsvSchema> eldest) {
      return size() > 32;
    }
  };

  private ReadCsv() {}

  /** The two overloads, to register under the name {@code read_csv}. */
  public static List<TableMacro> macros() {
    try {
      Method one = ReadCsv.class.getMethod("readCsv", String.class);
      Method two = ReadCsv.class.getMethod("readCsv", String.class, String.class);
      return List.of(TableMacroImpl.create(one), TableMacroImpl.create(two));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code read_csv(path)}: header names, inferred types. */
  public static CsvTable readCsv(String path) {
    return readCsv(path, null);
  }

  /** {@code read_csv(path, columns)}: declared names and types. */
  public static CsvTable readCsv(String path, String columns) {
    if (path == null || path.isBlank()) {
      throw new CsvException(CsvException.Kind.BAD_ARGUMENT,
          "floe.read_csv needs the file's path as a string literal, such as floe.read_csv('data/ticks.csv')");
    }
    Path p = Path.of(path);
    try (CsvCursor cursor = CsvCursor.open(p)) {
      List<Object> key = key(p, columns);
      CsvSchema schema;
      synchronized (SCHEMAS) {
        schema = SCHEMAS.get(key);
      }
      if (schema == null) {
        schema = columns == null ? CsvSchema.infer(cursor) : CsvSchema.declared(columns, cursor);
        synchronized (SCHEMAS) {
          SCHEMAS.put(key, schema);
        }
      }
      return new CsvTable(p, schema);
    }
  }

  private static List<Object> key(Path p, String columns) {
    try {
      return List.of(p.toAbsolutePath().normalize().toString(), Files.size(p),
          Files.getLastModifiedTime(p).toMillis(), columns == null ? "" : columns);
    } catch (IOException e) {
      throw new CsvException(CsvException.Kind.IO, "cannot read CSV file '" + p + "': " + e.getMessage(), e);
    }
  }
}
