package org.apache.calcite.jdbc;

import dev.floe.storage.table.FloeStore;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Floe's Avatica {@link Meta}: Calcite's, plus transactions that never throw {@link
 * UnsupportedOperationException} (connection pools and Spring call {@code commit} and {@code
 * rollback}), autocommit on by default, and the connection's store, closed with the connection.
 *
 * <p>It lives in Calcite's package because {@link CalciteConnectionImpl} is package-private.
 */
public final class FloeMetaImpl extends CalciteMetaImpl {
  private volatile FloeStore store;

  private FloeMetaImpl(CalciteConnectionImpl connection) {
    super(connection, CalciteMetaTableFactoryImpl.INSTANCE, CalciteMetaColumnFactoryImpl.INSTANCE);
    connProps.setAutoCommit(true);
  }

  /** The Meta for a new Floe connection. */
  public static Meta create(AvaticaConnection connection) {
    return new FloeMetaImpl((CalciteConnectionImpl) connection);
  }

  /** The Meta of an open Floe connection. */
  public static FloeMetaImpl of(AvaticaConnection connection) {
    return (FloeMetaImpl) ((CalciteConnectionImpl) connection).meta();
  }

  /** Binds the connection's store; it is closed with the connection. */
  public void attach(FloeStore store) {
    this.store = store;
  }

  /** The connection's store. */
  public FloeStore store() {
    return store;
  }

  @Override
  public void commit(ConnectionHandle ch) {
    // Each statement commits atomically as it runs; buffered transactions come with DML.
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    // Nothing is buffered yet, so there is nothing to discard.
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    super.closeConnection(ch);
    FloeStore s = store;
    if (s != null) {
      s.close();
    }
  }
}
