package dev.floe.storage.io.s3;

import dev.floe.storage.io.RetryPolicy;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.StoreException.Kind;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs one idempotent S3 request with the store's retries and turns its failure into a {@link
 * StoreException}. Retried: 5xx, timeouts and I/O errors; a connection that cannot be opened only
 * while the connect timeout has not elapsed since the first attempt. Never retried: 4xx.
 */
final class S3Calls {
  private S3Calls() {}

  static <T> T run(S3Store store, String verb, String key, Callable<T> request) {
    return run(store, verb, key, request, false);
  }

  static <T> T run(S3Store store, String verb, String key, Callable<T> request, boolean anonymous) {
    RetryPolicy retry = store.retry();
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return request.call();
      } catch (Exception e) {
        S3Failure f = S3Failure.of(e);
        if (mayRetry(store, f, attempt, start)) {
          retry.sleepBefore(attempt + 1);
          continue;
        }
        throw toException(store, verb, key, f, attempt, anonymous);
      }
    }
  }

  static boolean mayRetry(S3Store store, S3Failure f, int attempt, long startNanos) {
    if (!f.transientFailure() || !store.retry().mayRetry(attempt) || Thread.currentThread().isInterrupted()) {
      return false;
    }
    if (f.stage() == S3Failure.Stage.NOT_SENT) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      return elapsed.compareTo(store.connectTimeout()) < 0;
    }
    return true;
  }

  /** The exception for a failure that will not be retried (any more). */
  static StoreException toException(S3Store store, String verb, String key, S3Failure f, int attempts,
      boolean anonymous) {
    String what = key == null ? store.location() : "'" + key + "' in " + store.location();
    String tried = attempts == 1 ? "" : " after " + attempts + " attempts";
    if (f.hasCode("NoSuchKey") || (f.is(404) && key != null && !f.hasCode("NoSuchBucket"))) {
      return S3Store.notFound(store, key);
    }
    if (f.hasCode("NoSuchBucket") || (f.is(404) && key == null)) {
      return new StoreException(Kind.NO_SUCH_CONTAINER, key,
          "cannot " + verb + " " + what + ": bucket '" + store.bucket() + "' does not exist ("
              + f.detail() + "); create the bucket first, or correct the location");
    }
    if (f.is(403) || f.is(401) || f.hasCode("InvalidAccessKeyId") || f.hasCode("SignatureDoesNotMatch")
        || f.hasCode("AccessDenied")) {
      return new StoreException(Kind.ACCESS_DENIED, key,
          "cannot " + verb + " " + what + ": the server refused the credentials (" + f.detail()
              + "); " + (anonymous
                  ? "no credentials were given: set them in the configuration or in"
                      + " AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY"
                  : "check the access key and secret, and that they may use this bucket"));
    }
    if (f.is(416) || f.hasCode("InvalidRange")) {
      return new StoreException(Kind.RANGE_NOT_SATISFIABLE, key,
          "cannot " + verb + " a range of " + what + ": it lies past the end of the object ("
              + f.detail() + "); read inside the object's length");
    }
    if (f.stage() == S3Failure.Stage.NOT_SENT) {
      return new StoreException(Kind.UNAVAILABLE, key,
          "cannot " + verb + " " + what + ": the endpoint " + store.endpoint() + " cannot be reached"
              + tried + " (" + f.detail() + "); check that the server runs and the endpoint is right",
          f.cause());
    }
    if (f.transientFailure()) {
      return new StoreException(Kind.UNAVAILABLE, key,
          "cannot " + verb + " " + what + ": the server kept failing" + tried + " (" + f.detail()
              + "); try again later", f.cause());
    }
    return new StoreException(Kind.IO, key,
        "cannot " + verb + " " + what + ": " + f.detail() + "; this request is not retried", f.cause());
  }
}
