package dev.floe.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds connecting by the login timeout ({@code DriverManager.setLoginTimeout}, or the {@code
 * loginTimeout} property), as pgjdbc does: the connection is opened on a thread of its own while the
 * caller waits at most the timeout. Past it the caller gets 08001 at once; the connecting thread is
 * interrupted (which ends a store request in progress) and a connection it still manages to open is
 * closed, never handed to anyone. The store's own timeouts ({@code connectTimeout}, {@code
 * requestTimeout}, retries) bound each request, not the whole, so an endpoint that accepts TCP
 * connections and never answers would otherwise hold the caller for minutes.
 */
final class LoginTimeout {
  private LoginTimeout() {}

  /** {@code connect}'s connection, or 08001 if it takes longer than {@code timeout} (zero: no bound). */
  static Connection bounded(Duration timeout, String shownUrl, Callable<Connection> connect) throws SQLException {
    if (timeout.isZero()) {
      return call(connect);
    }
    Abandonable task = new Abandonable(connect);
    Thread thread = new Thread(task, "floe-connect");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.abandon();
      thread.interrupt();
      throw SqlState.UNABLE_TO_CONNECT.exception("could not connect to " + shownUrl + " within the login timeout of "
          + timeout.toMillis() + " ms: the store did not answer in time (an endpoint that accepts connections"
          + " but does not reply, or a very slow network); check the endpoint, or raise DriverManager"
          + ".setLoginTimeout / the loginTimeout property", e);
    } catch (InterruptedException e) {
      task.abandon();
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw SqlState.UNABLE_TO_CONNECT.exception("interrupted while connecting to " + shownUrl, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof SQLException sql ? sql : ErrorTranslator.translate(cause);
    }
  }

  private static Connection call(Callable<Connection> connect) throws SQLException {
    try {
      return connect.call();
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw ErrorTranslator.translate(e);
    }
  }

  /** A connect whose connection is closed if it arrives after the caller gave up. */
  private static final class Abandonable extends FutureTask<Connection> {
    private boolean abandoned;

    Abandonable(Callable<Connection> connect) {
      super(connect);
    }

    synchronized void abandon() {
      abandoned = true;
      if (isDone() && !isCancelled()) {
        closeQuietly();
      }
    }

    @Override
    protected synchronized void done() {
      if (abandoned) {
        closeQuietly();
      }
    }

    private void closeQuietly() {
      try {
        get().close();
      } catch (Exception | Error e) {
        // failed, or closing failed: nothing is left open that anyone holds
      }
    }
  }
}
