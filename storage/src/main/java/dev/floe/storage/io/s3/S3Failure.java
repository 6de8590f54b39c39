package dev.floe.storage.io.s3;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * One failed S3 request, classified by what it tells us about the request's fate.
 *
 * @param stage how far the request got
 * @param status the HTTP status of the reply, or 0 when there was none
 * @param code the S3 error code of the reply ({@code NoSuchKey}, ...), or null
 * @param detail a short description for messages: the server's message or the I/O error; never
 *     holds request headers, so never a credential
 * @param cause the underlying exception
 */
record S3Failure(Stage stage, int status, String code, String detail, Throwable cause) {

  /** How far a failed request got. */
  enum Stage {
    /** No connection was made, so the request never reached the server. */
    NOT_SENT,
    /** The request may have reached the server, but no (complete) reply came back. */
    NO_REPLY,
    /** The server replied with an error status. */
    REPLIED,
    /** Anything else (a bug, a malformed argument): not retried. */
    OTHER
  }

  static S3Failure of(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof ErrorResponseException er) {
      int status = er.response() == null ? 0 : er.response().code();
      String code = er.errorResponse() == null ? null : er.errorResponse().code();
      String msg = er.errorResponse() == null ? null : er.errorResponse().message();
      return new S3Failure(Stage.REPLIED, status, code,
          "HTTP " + status + (code == null ? "" : " " + code) + (msg == null ? "" : ": " + msg), e);
    }
    if (e instanceof ServerException se) {
      return new S3Failure(Stage.REPLIED, se.statusCode(), null, "HTTP " + se.statusCode()
          + " from the server", e);
    }
    if (e instanceof InvalidResponseException) {
      // a reply that is not S3 XML (a proxy's error page): the server was reached, treat as 5xx
      return new S3Failure(Stage.REPLIED, 502, null, "an unreadable reply from the server", e);
    }
    if (e instanceof IOException io) {
      return new S3Failure(neverSent(io) ? Stage.NOT_SENT : Stage.NO_REPLY, 0, null,
          io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + io.getMessage()), e);
    }
    return new S3Failure(Stage.OTHER, 0, null, String.valueOf(e), e);
  }

  /** Whether the same request may succeed when sent again: 5xx, timeouts and I/O errors. */
  boolean transientFailure() {
    return switch (stage) {
      case NOT_SENT, NO_REPLY -> true;
      case REPLIED -> status >= 500 || status == 408 || "RequestTimeout".equals(code)
          || "SlowDown".equals(code);
      case OTHER -> false;
    };
  }

  /** Whether the request may have been applied by the server although we saw no success. */
  boolean mayHaveBeenApplied() {
    return stage == Stage.NO_REPLY || (stage == Stage.REPLIED && status >= 500);
  }

  boolean is(int httpStatus) {
    return stage == Stage.REPLIED && status == httpStatus;
  }

  boolean hasCode(String s3Code) {
    return s3Code.equals(code);
  }

  private static boolean neverSent(IOException io) {
    for (Throwable c = io; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof UnknownHostException
          || c instanceof NoRouteToHostException) {
        return true;
      }
      if (c instanceof SocketTimeoutException && c.getMessage() != null
          && c.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
        return true;
      }
      if (c instanceof InterruptedIOException && !(c instanceof SocketTimeoutException)) {
        return false;
      }
    }
    return false;
  }

  /** The first exception in the chain that says what happened (MinIO wraps them variously). */
  private static Throwable unwrap(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ErrorResponseException || c instanceof ServerException
          || c instanceof InvalidResponseException || c instanceof IOException) {
        return c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return t;
  }

}
