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

  /**
   * An object whose bytes cannot be parsed or fail their checksum. For a table's commit record or
   * manifest the message adds the fix that needs no backup: {@code floe.repair} on the table.
   */
  public static FloeException corrupt(String key, String location, String what, Throwable cause) {
    boolean repairable = "commit record".equals(what) || "manifest".equals(what);
    return new FloeException(
        ErrorCode.CORRUPT_OBJECT,
        key,
        what + " '" + key + "' in " + location + " is corrupt (" + cause.getMessage()
            + "); it was changed or truncated outside Floe; restore it from a backup"
            + (repairable ? ", or run floe.repair on its table (SELECT * FROM TABLE(floe.repair('<table>')))"
                + " to supersede the damaged version with the last good one; older versions stay"
                + " readable by time travel" : ""),
        cause);
  }
}
