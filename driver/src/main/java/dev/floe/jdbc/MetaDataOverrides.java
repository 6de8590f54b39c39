package dev.floe.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.Optional;

/**
 * The DatabaseMetaData answers in which Floe differs from Calcite's defaults: Floe has transactions
 * (autocommit off gathers INSERTs until COMMIT) at READ COMMITTED: each statement reads the latest
 * committed versions plus the transaction's own rows.
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
        return Optional.of((Integer) args[0] == Connection.TRANSACTION_READ_COMMITTED);
      case "supportsDataDefinitionAndDataManipulationTransactions":
      case "dataDefinitionCausesTransactionCommit":
        return Optional.of(false);
      case "supportsDataManipulationTransactionsOnly":
        return Optional.of(true);
      default:
        return Optional.empty();
    }
  }
}
