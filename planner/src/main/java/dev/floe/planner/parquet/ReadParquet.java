package dev.floe.planner.parquet;

import dev.floe.planner.csv.CsvException;
import dev.floe.planner.csv.FileAccess;
import dev.floe.storage.table.FloeStore;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.impl.ReflectiveFunctionBase;
import org.apache.parquet.FloeParquetReadOptions;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * The table function {@code floe.read_parquet(path)}: Parquet files as a table, for {@code SELECT
 * ... FROM TABLE(floe.read_parquet('data/*.parquet'))} or {@code CREATE TABLE t AS SELECT * FROM
 * TABLE(floe.read_parquet(...))}. {@code path} is a local file, folder or glob (opened only where the
 * connection's {@link FileAccess} allows, as for {@code read_csv}), or a URL of an object, prefix or
 * glob under the connection's own store ({@link ParquetFiles}). The columns come from the first
 * file's footer when the statement is prepared ({@link ParquetColumn}); the argument must be a
 * literal.
 */
public final class ReadParquet {
  /** The function's name in errors. */
  static final String NAME = "floe.read_parquet";

  private ReadParquet() {}

  /** {@code read_parquet(path)} for one connection: its file policy and its store. */
  public static Macro macro(FileAccess access, FloeStore store) {
    return new Macro(Objects.requireNonNull(access, "access"), Objects.requireNonNull(store, "store"));
  }

  /**
   * The function bound to one connection; it also tells COPY TO the connection's file policy (the
   * same folders may be written as read).
   */
  public static final class Macro implements TableMacro {
    private static final List<FunctionParameter> PARAMETERS =
        new ReflectiveFunctionBase.ParameterListBuilder().add(String.class, "path").build();
    private final FileAccess access;
    private final FloeStore store;

    private Macro(FileAccess access, FloeStore store) {
      this.access = access;
      this.store = store;
    }

    /** The connection's policy for local files. */
    public FileAccess access() {
      return access;
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return PARAMETERS;
    }

    @Override
    public TranslatableTable apply(List<? extends Object> arguments) {
      return read(access, store, (String) arguments.get(0));
    }
  }

  static ParquetTable read(FileAccess access, FloeStore store, String path) {
    if (path == null || path.isBlank()) {
      throw new CsvException(CsvException.Kind.BAD_ARGUMENT, NAME + " needs the file's path as a string"
          + " literal, such as floe.read_parquet('data/ticks.parquet') or floe.read_parquet('data/*.parquet')");
    }
    List<ParquetSource> files = ParquetFiles.resolve(path, access, store);
    ParquetSource first = files.get(0);
    try (ParquetFileReader reader = ParquetFileReader.open(first.open(access),
        FloeParquetReadOptions.of(ParquetCodecs.INSTANCE, FilterCompat.NOOP))) {
      List<ParquetColumn> columns = ParquetColumn.of(reader.getFooter().getFileMetaData().getSchema(), first.name());
      return new ParquetTable(files, access, columns);
    } catch (IOException | RuntimeException e) {
      throw failure(first.name(), e);
    }
  }

  /**
   * What a failure to read {@code file} is to the statement: Floe's own errors (access, format,
   * unsupported column, store) as they are, anything else from parquet-java a malformed file (22P04)
   * whose message names the file but quotes nothing of it, as read_csv's errors.
   */
  static RuntimeException failure(String file, Exception e) {
    if (e instanceof CsvException || e instanceof UnsupportedOperationException
        || e instanceof dev.floe.storage.commit.FloeException || e instanceof dev.floe.storage.io.StoreException) {
      return (RuntimeException) e;
    }
    // neither parquet-java's message nor the cause: they can quote the file's bytes (its last four, for one)
    return new CsvException(CsvException.Kind.BAD_FORMAT, "cannot read Parquet file '" + file + "': parquet-java"
        + " failed with " + e.getClass().getSimpleName() + "; check that it is a complete Parquet file");
  }

  /** Refuses a file whose columns differ from the first file's. */
  static void sameColumns(List<ParquetColumn> expected, List<ParquetColumn> actual, String firstFile, String file) {
    boolean same = expected.size() == actual.size();
    for (int i = 0; same && i < expected.size(); i++) {
      same = expected.get(i).name().equals(actual.get(i).name()) && expected.get(i).type().equals(actual.get(i).type());
    }
    if (!same) {
      throw new CsvException(CsvException.Kind.BAD_FORMAT, "Parquet file '" + file + "' has other columns than '"
          + firstFile + "' (" + describe(actual) + " where the first file has " + describe(expected) + "); read"
          + " files of one shape per read_parquet, or prepare the statement again if the files changed");
    }
  }

  private static String describe(List<ParquetColumn> columns) {
    return String.join(", ", columns.stream().map(c -> c.name() + " " + c.type()).toList());
  }
}
