package dev.floe.storage.commit;

/**
 * A commit record was sent but whether it landed could not be learned within the retry bounds.
 * The commit may be visible now or later; it will never be partially visible. It is not safe to
 * delete anything the statement wrote: a later VACUUM removes what no version references.
 */
public final class CommitStateUnknownException extends FloeException {
  private static final long serialVersionUID = 1L;

  public CommitStateUnknownException(String key, String message, Throwable cause) {
    super(ErrorCode.COMMIT_STATE_UNKNOWN, key, message, cause);
  }
}
