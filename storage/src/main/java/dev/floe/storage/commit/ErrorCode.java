package dev.floe.storage.commit;

/**
 * Stable codes of every failure the storage engine reports to a user, each with the SQLState the
 * JDBC layer maps it to. The names and states are part of the API: never renumber them.
 */
public enum ErrorCode {
  /** The table does not exist (never created, dropped, or dropped while the statement ran). */
  TABLE_NOT_FOUND("42P01"),
  /** A table of this name already exists. */
  TABLE_EXISTS("42P07"),
  /** A column of this name already exists. */
  COLUMN_EXISTS("42701"),
  /** No column of this name exists. */
  COLUMN_NOT_FOUND("42703"),
  /** The name is not a valid table or column name. */
  INVALID_NAME("42602"),
  /** A value or argument is out of its domain (a version that does not exist, a bad batch). */
  INVALID_ARGUMENT("22023"),
  /** A named snapshot of this name already exists. */
  SNAPSHOT_EXISTS("42710"),
  /** No named snapshot of this name exists. */
  SNAPSHOT_NOT_FOUND("42704"),
  /** A type name that is not one of Floe's types. */
  UNDEFINED_TYPE("42704"),
  /** An index of this name already exists on the table. */
  INDEX_EXISTS("42P07"),
  /** No index of this name exists. */
  INDEX_NOT_FOUND("42704"),
  /** A VARCHAR(n) column would hold a value longer than n characters. */
  STRING_DATA_RIGHT_TRUNCATION("22001"),
  /** A NOT NULL column would hold a NULL. */
  NOT_NULL_VIOLATION("23502"),
  /** A PRIMARY KEY or UNIQUE key would be held by two rows. */
  UNIQUE_VIOLATION("23505"),
  /** A concurrent commit changed what this statement read; the statement changed nothing. */
  CONFLICT("40001"),
  /** A commit was sent but its outcome could not be learned; it may or may not have landed. */
  COMMIT_STATE_UNKNOWN("40003"),
  /** The client clock disagrees with the store's clock by more than the configured bound. */
  CLOCK_SKEW("55000"),
  /** A stored object fails its checks (unparsable, wrong format version). */
  CORRUPT_OBJECT("XX001"),
  /** An object a committed version references is missing from the store. */
  MISSING_OBJECT("58P01"),
  /** The store was unreachable or failed within its retry bounds. */
  STORE_UNAVAILABLE("08006"),
  /**
   * The statement was cancelled ({@code Statement.cancel()}, or its thread interrupted while it
   * waited on the store); nothing it wrote was committed.
   */
  QUERY_CANCELED("57014"),
  /** The statement ran past its query timeout and was stopped; nothing it wrote was committed. */
  QUERY_TIMEOUT("57014"),
  /** Any other failure of the store (access denied, invalid configuration). */
  STORE_ERROR("58030"),
  /** The root holds a format this version of Floe cannot read or write. */
  INCOMPATIBLE_FORMAT("0A000"),
  /** A write on a read-only client (a readOnly or snapshot connection); nothing was written. */
  READ_ONLY("25006"),
  /** A version VACUUM expired: its data is gone by the table's retention (PostgreSQL's snapshot_too_old). */
  VERSION_EXPIRED("72000");

  private final String sqlState;

  ErrorCode(String sqlState) {
    this.sqlState = sqlState;
  }

  /** The five-character SQLState this code maps to. */
  public String sqlState() {
    return sqlState;
  }
}
