package dev.floe.storage.commit;

/**
 * A commit did not land because other commits changed what it depends on. Nothing of it is
 * visible; the objects it wrote are unreferenced and may be deleted.
 *
 * <table>
 *   <caption>what the caller may do</caption>
 *   <tr><th>{@link #retryable()}</th><th>meaning</th></tr>
 *   <tr><td>true</td><td>the bounded retries ran out while others kept committing; running the
 *       whole statement again may succeed</td></tr>
 *   <tr><td>false</td><td>a concurrent commit replaced or removed data this statement read (or
 *       changed the schema incompatibly); the statement must be re-planned against the new
 *       version</td></tr>
 * </table>
 */
public final class CommitConflictException extends FloeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public CommitConflictException(boolean retryable, String message) {
    this(retryable, null, message);
  }

  public CommitConflictException(boolean retryable, String key, String message) {
    super(ErrorCode.CONFLICT, key, message, null);
    this.retryable = retryable;
  }

  /** Whether running the same statement again may succeed without any change. */
  public boolean retryable() {
    return retryable;
  }
}
