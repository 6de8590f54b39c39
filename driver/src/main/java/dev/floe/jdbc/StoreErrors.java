package dev.floe.jdbc;

import dev.floe.storage.io.StoreException;
import java.sql.SQLException;

/** Maps object-store failures to SQLStates; the store's message (key, location, fix) is kept. */
final class StoreErrors {
  private StoreErrors() {}

  static SqlState stateOf(StoreException.Kind kind) {
    switch (kind) {
      case ACCESS_DENIED:
        return SqlState.INVALID_AUTHORIZATION;
      case UNAVAILABLE:
        return SqlState.STORE_UNAVAILABLE;
      case UNKNOWN_OUTCOME:
        return SqlState.STATEMENT_COMPLETION_UNKNOWN;
      case NO_SUCH_CONTAINER:
      case UNSAFE_STORE:
      case INVALID_CONFIGURATION:
        return SqlState.UNABLE_TO_CONNECT;
      case NOT_FOUND:
      case RANGE_NOT_SATISFIABLE:
      case CORRUPT:
        return SqlState.DATA_CORRUPTED; // an object the data references is missing or damaged
      case IO:
        return SqlState.IO_ERROR;
      case READ_ONLY:
        return SqlState.READ_ONLY_TRANSACTION;
      case INVALID_KEY:
      default:
        return SqlState.INTERNAL_ERROR;
    }
  }

  static SQLException toSql(StoreException e) {
    return stateOf(e.kind()).exception(e.getMessage(), e);
  }
}
