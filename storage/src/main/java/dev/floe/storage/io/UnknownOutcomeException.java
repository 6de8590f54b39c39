package dev.floe.storage.io;

/**
 * A {@link ObjectStore#putIfAbsent} whose request may have reached the store but whose reply was
 * lost. The object may or may not exist now, and if it exists it may be ours or another writer's.
 * The caller settles this by reading the key (compare its content with ours) or by putting the
 * same bytes to the same key again; it must never clean up on the strength of it.
 */
public final class UnknownOutcomeException extends StoreException {
  private static final long serialVersionUID = 1L;

  public UnknownOutcomeException(String location, String key, Throwable cause) {
    super(
        Kind.UNKNOWN_OUTCOME,
        key,
        "the outcome of creating '" + key + "' in " + location + " is unknown: the request was sent"
            + " but no reply arrived (" + cause + "); read the key to learn whether it was created",
        cause);
  }
}
