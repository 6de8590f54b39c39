package dev.floe.storage.commit;

import dev.floe.storage.io.StoreException;

/** Maps failures of the object store to {@link FloeException}s with stable codes. */
public final class StoreErrors {
  private StoreErrors() {}

  /** The {@link FloeException} for a store failure, keeping its message, key and cause. */
  public static FloeException wrap(StoreException e) {
    ErrorCode code =
        switch (e.kind()) {
          case NOT_FOUND -> ErrorCode.MISSING_OBJECT;
          case CORRUPT, RANGE_NOT_SATISFIABLE -> ErrorCode.CORRUPT_OBJECT;
          case UNAVAILABLE -> ErrorCode.STORE_UNAVAILABLE;
          case UNKNOWN_OUTCOME -> ErrorCode.COMMIT_STATE_UNKNOWN;
          case READ_ONLY -> ErrorCode.READ_ONLY;
          default -> ErrorCode.STORE_ERROR;
        };
    return new FloeException(code, e.key(), e.getMessage(), e);
  }

  /** A missing object that a committed version references. */
  public static FloeException missing(String key, String location, String what, Throwable cause) {
    return new FloeException(
        ErrorCode.MISSING_OBJECT,
        key,
        what + " '" + key + "' is missing from " + location
            + ": a committed version references it, so it was deleted by something other than"
            + " Floe or the store lost it; restore it from a backup, or read an older version",
        cause);
  }

  /** An object whose bytes cannot be parsed. */
  public static FloeException corrupt(String key, String location, String what, Throwable cause) {
    return new FloeException(
        ErrorCode.CORRUPT_OBJECT,
        key,
        what + " '" + key + "' in " + location + " is corrupt (" + cause.getMessage()
            + "); it was changed or truncated outside Floe; restore it from a backup",
        cause);
  }
}
