package dev.floe.storage.io;

/** No object has the requested key. */
public final class ObjectNotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;

  public ObjectNotFoundException(String location, String key) {
    super(
        Kind.NOT_FOUND,
        key,
        "object '" + key + "' does not exist in " + location
            + ": it was never written, or was deleted; check the key, or that the store root is the"
            + " one the data was written to");
  }
}
