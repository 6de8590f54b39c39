package dev.floe.storage.io.s3;

import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreConfig;
import dev.floe.storage.io.StoreException;

/** Placeholder, replaced by the S3 backend. */
public final class S3Store {
  private S3Store() {}

  public static ObjectStore open(String location, StoreConfig config) {
    throw new StoreException(StoreException.Kind.INVALID_CONFIGURATION, null, "S3 not yet built");
  }
}
