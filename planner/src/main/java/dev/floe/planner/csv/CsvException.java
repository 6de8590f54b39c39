package dev.floe.planner.csv;

/**
 * A CSV file that cannot be read as asked: the driver maps {@link #kind()} to a SQLState. Thrown
 * before anything is committed, so the statement that read the file commits nothing. Messages name
 * the file, line, column and expected type but never echo the file's content (a field, a header
 * name, a line), and no cause that could carry content is chained.
 */
public final class CsvException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong; decides the SQLState. */
  public enum Kind {
    /** The file does not exist or is not a readable regular file. */
    FILE_NOT_FOUND,
    /** Reading the file failed. */
    IO,
    /** The file's shape is wrong: ragged rows, no header, bad quoting. */
    BAD_FORMAT,
    /** A field does not parse as its column's type. */
    BAD_VALUE,
    /** The arguments of {@code floe.read_csv} are wrong. */
    BAD_ARGUMENT,
    /** The connection's {@link FileAccess} policy refuses the file. */
    ACCESS_DENIED
  }

  private final Kind kind;

  /** Also for the other file functions (read_parquet, COPY): the same kinds, the same SQLStates. */
  public CsvException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CsvException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
