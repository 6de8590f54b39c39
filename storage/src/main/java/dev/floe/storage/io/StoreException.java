package dev.floe.storage.io;

/**
 * Any failure of an object store. The {@link Kind} says what a caller may do about it; the message
 * says what went wrong, why, and what to do, and names the key and the store location (never a
 * secret).
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, in terms a caller can act on. */
  public enum Kind {
    /** No object has the key. */
    NOT_FOUND(false),
    /** The requested byte range lies outside the object. */
    RANGE_NOT_SATISFIABLE(false),
    /** The key (or prefix) breaks the key rules of {@link ObjectKeys}. */
    INVALID_KEY(false),
    /** The bucket or folder at the root does not exist. */
    NO_SUCH_CONTAINER(false),
    /** The credentials were refused. */
    ACCESS_DENIED(false),
    /** The store could not be reached, or kept failing, within the configured bounds. */
    UNAVAILABLE(true),
    /** A conditional write may or may not have been applied; see {@link UnknownOutcomeException}. */
    UNKNOWN_OUTCOME(true),
    /** The store does not honour create-if-absent, so Floe refuses to write to it. */
    UNSAFE_STORE(false),
    /** Stored bytes fail their checks: a checksum, a magic number, a length. */
    CORRUPT(false),
    /** The store or its configuration was used wrongly (bad URL, closed store). */
    INVALID_CONFIGURATION(false),
    /** Any other I/O failure. */
    IO(false),
    /** A write refused because the client is read-only ({@link WriteGate}); nothing was written. */
    READ_ONLY(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether the same call may succeed if tried again later. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final String key;

  public StoreException(Kind kind, String key, String message) {
    this(kind, key, message, null);
  }

  public StoreException(Kind kind, String key, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.key = key;
  }

  public Kind kind() {
    return kind;
  }

  /** The key the failure concerns, or null when it concerns the store as a whole. */
  public String key() {
    return key;
  }
}
