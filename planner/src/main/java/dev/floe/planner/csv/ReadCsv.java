package dev.floe.planner.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.ReflectiveFunctionBase;

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
 * local files, relative to the JVM's working directory, and are opened only where the connection's
 * {@link FileAccess} allows. Errors never quote the file's content.
 */
public final class ReadCsv {
  private static final Map<List<Object>, CsvSchema> SCHEMAS = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<List<Object>, CsvSchema> eldest) {
      return size() > 32;
    }
  };

  private ReadCsv() {}

  /**
   * The function {@code read_csv(path [, columns] [, delim])}, {@code columns} and {@code delim}
   * optional (give them by name, {@code read_csv('f.csv', delim => ';')}, or by position), to
   * register under the name {@code read_csv} in one connection's schema; it opens files only as
   * {@code access} allows, when the statement is prepared and again at every scan.
   */
  public static List<TableMacro> macros(FileAccess access) {
    Objects.requireNonNull(access, "access");
    return List.of(new Macro(access, new ReflectiveFunctionBase.ParameterListBuilder().add(String.class, "path")
        .add(String.class, "columns", true).add(String.class, "delim", true).build()));
  }

  /**
   * {@code read_csv(path [, columns] [, delim])}: header names and inferred types, or declared ones;
   * fields separated by {@code delim}, or by the separator sniffed from the first lines ({@link
   * CsvDelimiter}) when it is null.
   */
  static CsvTable readCsv(FileAccess access, String path, String columns, String delim) {
    if (path == null || path.isBlank()) {
      throw new CsvException(CsvException.Kind.BAD_ARGUMENT,
          "floe.read_csv needs the file's path as a string literal, such as floe.read_csv('data/ticks.csv')");
    }
    Path real = access.check(path);
    char delimiter = delim != null ? CsvDelimiter.parse(delim) : CsvDelimiter.sniff(real);
    try (CsvCursor cursor = CsvCursor.open(path, real, delimiter)) {
      List<Object> key = key(path, real, columns, delimiter);
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
      return new CsvTable(path, access, schema, delimiter);
    }
  }

  private static List<Object> key(String file, Path real, String columns, char delimiter) {
    try {
      return List.of(real.toString(), Files.size(real), Files.getLastModifiedTime(real).toMillis(),
          columns == null ? "" : columns, delimiter);
    } catch (IOException e) {
      throw new CsvException(CsvException.Kind.IO, "cannot read CSV file '" + file + "': " + e.getClass().getSimpleName(), e);
    }
  }

  /** One overload of {@code read_csv}, bound to a connection's {@link FileAccess}. */
  private static final class Macro implements TableMacro {
    private final FileAccess access;
    private final List<FunctionParameter> parameters;

    Macro(FileAccess access, List<FunctionParameter> parameters) {
      this.access = access;
      this.parameters = parameters;
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return parameters;
    }

    @Override
    public TranslatableTable apply(List<? extends Object> arguments) {
      return readCsv(access, (String) arguments.get(0), arguments.size() > 1 ? (String) arguments.get(1) : null,
          arguments.size() > 2 ? (String) arguments.get(2) : null);
    }
  }
}
