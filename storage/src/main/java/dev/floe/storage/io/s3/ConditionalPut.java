package dev.floe.storage.io.s3;

import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.RetryPolicy;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.StoreException.Kind;
import dev.floe.storage.io.UnknownOutcomeException;

/**
 * One {@code putIfAbsent}: PUT with {@code If-None-Match: *}, and the rules that keep its outcome
 * honest across retries.
 *
 * <ul>
 *   <li>200: CREATED (even after a lost attempt: had that attempt landed, this one would get 412).
 *   <li>412: ALREADY_EXISTS, unless an earlier attempt may have been applied; then the object may
 *       be our own, and the outcome is unknown.
 *   <li>409 {@code ConditionalRequestConflict}: another conditional write to the key is in
 *       flight; the same key is tried again after a jittered backoff.
 *   <li>5xx, timeouts, resets: tried again; once an attempt may have been applied, any failure
 *       that follows is {@link UnknownOutcomeException}.
 *   <li>Other 4xx: nothing was written (unless an earlier attempt may have been); not retried.
 * </ul>
 */
final class ConditionalPut {
  private final S3Store store;
  private final String key;
  private final byte[] bytes;

  ConditionalPut(S3Store store, String key, byte[] bytes) {
    this.store = store;
    this.key = key;
    this.bytes = bytes;
  }

  CreateResult run() {
    RetryPolicy retry = store.retry();
    long start = System.nanoTime();
    S3Failure maybeApplied = null;
    for (int attempt = 1; ; attempt++) {
      try {
        store.putOnce(key, bytes, true);
        return CreateResult.CREATED;
      } catch (Exception e) {
        S3Failure f = S3Failure.of(e);
        if (f.is(412)) {
          if (maybeApplied != null) {
            throw new UnknownOutcomeException(store.location(), key, new StoreException(
                Kind.UNKNOWN_OUTCOME, key, "a retry found the key taken (" + f.detail()
                    + ") after an earlier attempt's reply was lost (" + maybeApplied.detail()
                    + "); the object may be this writer's own"));
          }
          return CreateResult.ALREADY_EXISTS;
        }
        if (f.mayHaveBeenApplied()) {
          maybeApplied = f;
        }
        boolean conflict = f.is(409) || f.hasCode("ConditionalRequestConflict");
        boolean again = (conflict && retry.mayRetry(attempt) && !Thread.currentThread().isInterrupted())
            || S3Calls.mayRetry(store, f, attempt, start);
        if (again) {
          retry.sleepBefore(attempt + 1);
          continue;
        }
        if (maybeApplied != null) {
          throw new UnknownOutcomeException(store.location(), key, new StoreException(
              Kind.UNKNOWN_OUTCOME, key, "last failure after " + attempt + " attempt(s): "
                  + f.detail() + "; an attempt may have been applied: " + maybeApplied.detail(),
              maybeApplied.cause()));
        }
        if (conflict) {
          return failConflict(f, attempt);
        }
        throw S3Calls.toException(store, "create", key, f, attempt, false);
      }
    }
  }

  private CreateResult failConflict(S3Failure f, int attempts) {
    throw new StoreException(Kind.UNAVAILABLE, key,
        "cannot create '" + key + "' in " + store.location() + ": other conditional writes to the"
            + " key kept conflicting (" + f.detail() + ") for " + attempts + " attempts; nothing"
            + " was written by this call, try again");
  }
}
