package dev.floe.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The DatabaseMetaData answers in which Floe differs from Calcite's defaults: Floe has transactions
 * (autocommit off gathers changes until COMMIT, which publishes them in every table at once) at READ
 * COMMITTED by default, REPEATABLE READ on request (RFC 0005). Also the answers Avatica leaves unimplemented
 * (it throws "todo"), which clients such as DBeaver ask on connect: result sets are read-only and
 * read what was committed when the query started, so no change made after (through the result set,
 * the connection or others) is visible or detected in them; they stay open over a commit, as {@code
 * getResultSetHoldability} says. Result sets are forward-only (a scrollable or updatable one asked for
 * is made forward-only and read-only: {@link StatementOptions}).
 */
final class MetaDataOverrides {
  private MetaDataOverrides() {}

  static Optional<Object> answer(Method method, Object[] args) {
    switch (method.getName()) {
      case "supportsTransactions":
        return Optional.of(true);
      case "getDefaultTransactionIsolation":
        return Optional.of(Connection.TRANSACTION_READ_COMMITTED);
      case "supportsTransactionIsolationLevel":
        int level = (Integer) args[0];
        return Optional.of(level == Connection.TRANSACTION_READ_COMMITTED
            || level == Connection.TRANSACTION_REPEATABLE_READ || level == Connection.TRANSACTION_READ_UNCOMMITTED);
      case "supportsDataDefinitionAndDataManipulationTransactions":
      case "dataDefinitionCausesTransactionCommit":
        return Optional.of(false);
      case "supportsDataManipulationTransactionsOnly":
        return Optional.of(true);
      case "supportsResultSetType":
        return Optional.of((Integer) args[0] == ResultSet.TYPE_FORWARD_ONLY);
      case "supportsResultSetConcurrency":
        return Optional.of((Integer) args[0] == ResultSet.TYPE_FORWARD_ONLY && (Integer) args[1] == ResultSet.CONCUR_READ_ONLY);
      case "supportsGetGeneratedKeys":
        return Optional.of(false); // no column is generated; getGeneratedKeys answers an empty result set
      case "supportsResultSetHoldability":
        return Optional.of((Integer) args[0] == ResultSet.HOLD_CURSORS_OVER_COMMIT);
      case "ownUpdatesAreVisible":
      case "ownDeletesAreVisible":
      case "ownInsertsAreVisible":
      case "othersUpdatesAreVisible":
      case "othersDeletesAreVisible":
      case "othersInsertsAreVisible":
      case "updatesAreDetected":
      case "deletesAreDetected":
      case "insertsAreDetected":
        return Optional.of(false);
      default:
        return Optional.empty();
    }
  }
}
