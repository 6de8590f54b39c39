package dev.floe.jdbc;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/**
 * Every SQLState Floe reports, in one place, each with the JDBC 4 exception subclass of its class
 * (42 syntax or undefined object, 21 cardinality, 22 data, 23 constraint, 40 rollback, 08 connection, 28
 * credentials, 0A not supported, 25 invalid transaction state such as read-only; 57014, which JDBC
 * gives no subclass of its own, is {@link SQLTimeoutException} for a query timeout and {@link
 * SQLTransientException} for a cancel).
 */
public enum SqlState {
  /**
   * executeQuery ran a statement that returns no rows (DDL, DML): the statement took effect, but
   * there is no result set to return (as pgjdbc reports it).
   */
  NO_RESULT_SET("02000", Family.NON_TRANSIENT),
  /** A ? parameter of a prepared statement has no value. */
  PARAMETER_NOT_SET("07001", Family.NON_TRANSIENT),
  UNABLE_TO_CONNECT("08001", Family.CONNECTION),
  /** The connection was closed. */
  CONNECTION_DOES_NOT_EXIST("08003", Family.CONNECTION),
  /** The store could not be reached within the bounds: worth trying again later. */
  STORE_UNAVAILABLE("08006", Family.TRANSIENT_CONNECTION),
  INVALID_AUTHORIZATION("28000", Family.AUTHORIZATION),
  FEATURE_NOT_SUPPORTED("0A000", Family.NOT_SUPPORTED),
  /** A scalar subquery gave more than one row. */
  CARDINALITY_VIOLATION("21000", Family.NON_TRANSIENT),
  DATA_EXCEPTION("22000", Family.DATA),
  /** A value longer than its VARCHAR(n) column written (INSERT, UPDATE, batches); nothing was written. */
  STRING_DATA_RIGHT_TRUNCATION("22001", Family.DATA),
  NUMERIC_VALUE_OUT_OF_RANGE("22003", Family.DATA),
  INVALID_DATETIME_FORMAT("22007", Family.DATA),
  DIVISION_BY_ZERO("22012", Family.DATA),
  /** A value read or cast as a type it does not hold ({@code getInt} of 'abc'). */
  INVALID_CHARACTER_VALUE_FOR_CAST("22018", Family.DATA),
  INVALID_PARAMETER_VALUE("22023", Family.DATA),
  INVALID_TEXT_REPRESENTATION("22P02", Family.DATA),
  BAD_COPY_FILE_FORMAT("22P04", Family.DATA),
  NOT_NULL_VIOLATION("23502", Family.CONSTRAINT),
  /** A PRIMARY KEY or UNIQUE key would be held by two rows (RFC 0006); nothing was written. */
  UNIQUE_VIOLATION("23505", Family.CONSTRAINT),
  INVALID_CURSOR_STATE("24000", Family.NON_TRANSIENT),
  READ_ONLY_TRANSACTION("25006", Family.NON_TRANSIENT),
  /** commit or rollback with no transaction open (autocommit on), as pgjdbc refuses them. */
  NO_ACTIVE_TRANSACTION("25P01", Family.NON_TRANSIENT),
  SERIALIZATION_FAILURE("40001", Family.ROLLBACK),
  STATEMENT_COMPLETION_UNKNOWN("40003", Family.ROLLBACK),
  SYNTAX_ERROR("42601", Family.SYNTAX),
  /** The connection may not do this (floe.read_csv of a file its allowedDirectories does not allow). */
  INSUFFICIENT_PRIVILEGE("42501", Family.SYNTAX),
  SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION("42000", Family.SYNTAX),
  UNDEFINED_COLUMN("42703", Family.SYNTAX),
  UNDEFINED_TABLE("42P01", Family.SYNTAX),
  UNDEFINED_FUNCTION("42883", Family.SYNTAX),
  UNDEFINED_OBJECT("42704", Family.SYNTAX),
  DATATYPE_MISMATCH("42804", Family.SYNTAX),
  INDETERMINATE_DATATYPE("42P18", Family.SYNTAX),
  DUPLICATE_TABLE("42P07", Family.SYNTAX),
  DUPLICATE_OBJECT("42710", Family.SYNTAX),
  DUPLICATE_COLUMN("42701", Family.SYNTAX),
  INVALID_NAME("42602", Family.SYNTAX),
  OBJECT_NOT_IN_PREREQUISITE_STATE("55000", Family.NON_TRANSIENT),
  /**
   * Statement.cancel() stopped the statement (pgjdbc's state): nothing it wrote was committed, the
   * connection is usable, and running it again may succeed.
   */
  QUERY_CANCELED("57014", Family.TRANSIENT),
  /** The statement ran past its query timeout and was stopped; otherwise as {@link #QUERY_CANCELED}. */
  QUERY_TIMEOUT("57014", Family.TIMEOUT),
  /** A statement too large or too deeply nested to plan. */
  STATEMENT_TOO_COMPLEX("54001", Family.NON_TRANSIENT),
  UNDEFINED_FILE("58P01", Family.NON_TRANSIENT),
  IO_ERROR("58030", Family.NON_TRANSIENT),
  DATA_CORRUPTED("XX001", Family.NON_TRANSIENT),
  /** A version whose data VACUUM expired (PostgreSQL's snapshot_too_old). */
  SNAPSHOT_TOO_OLD("72000", Family.NON_TRANSIENT),
  INTERNAL_ERROR("XX000", Family.NON_TRANSIENT);

  private enum Family {
    CONNECTION,
    TRANSIENT_CONNECTION,
    AUTHORIZATION,
    NOT_SUPPORTED,
    DATA,
    CONSTRAINT,
    ROLLBACK,
    SYNTAX,
    TRANSIENT,
    TIMEOUT,
    NON_TRANSIENT
  }

  private final String code;
  private final Family family;

  SqlState(String code, Family family) {
    this.code = code;
    this.family = family;
  }

  /** The five-character SQLState. */
  public String code() {
    return code;
  }

  /** A new exception of the JDBC 4 subclass that matches this state's class. */
  public SQLException exception(String message, Throwable cause) {
    switch (family) {
      case CONNECTION:
        return new SQLNonTransientConnectionException(message, code, cause);
      case TRANSIENT_CONNECTION:
        return new SQLTransientConnectionException(message, code, cause);
      case AUTHORIZATION:
        return new SQLInvalidAuthorizationSpecException(message, code, cause);
      case NOT_SUPPORTED:
        return new SQLFeatureNotSupportedException(message, code, cause);
      case DATA:
        return new SQLDataException(message, code, cause);
      case CONSTRAINT:
        return new SQLIntegrityConstraintViolationException(message, code, cause);
      case ROLLBACK:
        return new SQLTransactionRollbackException(message, code, cause);
      case SYNTAX:
        return new SQLSyntaxErrorException(message, code, cause);
      case TRANSIENT:
        return new SQLTransientException(message, code, cause);
      case TIMEOUT:
        return new SQLTimeoutException(message, code, cause);
      case NON_TRANSIENT:
      default:
        return new SQLNonTransientException(message, code, cause);
    }
  }

  /**
   * The constant for a five-character state (the first declared, where two share a code), or a
   * generic one of the same class.
   */
  public static SqlState forCode(String code) {
    for (SqlState s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    String cls = code == null || code.length() < 2 ? "XX" : code.substring(0, 2);
    switch (cls) {
      case "08":
        return UNABLE_TO_CONNECT;
      case "0A":
        return FEATURE_NOT_SUPPORTED;
      case "22":
        return DATA_EXCEPTION;
      case "23":
        return NOT_NULL_VIOLATION;
      case "28":
        return INVALID_AUTHORIZATION;
      case "40":
        return SERIALIZATION_FAILURE;
      case "42":
        return SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
      default:
        return INTERNAL_ERROR;
    }
  }

  /** A new exception without a cause. */
  public SQLException exception(String message) {
    return exception(message, null);
  }
}
