package dev.floe.storage.io;

/**
 * A {@link ObjectStore#putIfAbsent} whose request may have reached the store but whose reply was
 * lost, or which failed after the store may have applied it (a folder store whose fsync failed
 * after the link made the name visible). The object may or may not exist now, and if it exists it may be ours or another writer's.
 * The caller settles this by reading the key (compare its content with ours) or by putting the
 * same bytes to the same key again; it must never clean up on the strength of it.
 */
public final class UnknownOutcomeException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** A lost reply: the request was sent and no reply arrived. */
  public UnknownOutcomeException(String location, String key, Throwable cause) {
    this(location, key, "the request was sent but no reply arrived (" + cause + ")", cause);
  }

  /**
   * Any other failure after the store may have applied the create, {@code why} saying which (a
   * folder store whose fsync failed after the link, for example).
   */
  public UnknownOutcomeException(String location, String key, String why, Throwable cause) {
    super(
        Kind.UNKNOWN_OUTCOME,
        key,
        "the outcome of creating '" + key + "' in " + location + " is unknown: " + why
            + "; read the key to learn whether it was created",
        cause);
  }
}
