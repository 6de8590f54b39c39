package dev.floe.storage.commit;

/**
 * Any failure of a Floe storage operation that a user may see. It carries a stable {@link
 * ErrorCode}, the object key when storage is at fault, and a message that states the problem, its
 * cause and the fix.
 */
public class FloeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String key;

  public FloeException(ErrorCode code, String message) {
    this(code, null, message, null);
  }

  public FloeException(ErrorCode code, String key, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.key = key;
  }

  /** The stable code of this failure. */
  public ErrorCode code() {
    return code;
  }

  /** The SQLState of {@link #code()}. */
  public String sqlState() {
    return code.sqlState();
  }

  /** The object key concerned, or null when no single object is at fault. */
  public String key() {
    return key;
  }
}
