package dev.floe.storage.io;

import dev.floe.storage.io.local.LocalStore;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.io.s3.S3Store;
import java.nio.file.Path;

/**
 * Opens a store from its location string:
 *
 * <ul>
 *   <li>{@code mem:NAME}: in memory, shared by name within the JVM;
 *   <li>{@code file:PATH} (relative or absolute, also {@code file:///abs}): a local folder,
 *       created if absent;
 *   <li>{@code s3://bucket[/prefix]}: an S3-compatible store configured by {@link StoreConfig}.
 * </ul>
 */
public final class ObjectStores {
  private ObjectStores() {}

  /**
   * Opens the store at {@code location}.
   *
   * @throws StoreException of kind {@link StoreException.Kind#INVALID_CONFIGURATION} for an
   *     unknown scheme or a malformed location, or any failure of the backend's own checks
   */
  public static ObjectStore open(String location, StoreConfig config) {
    if (location == null || location.isBlank()) {
      throw badLocation(String.valueOf(location), "it is empty");
    }
    if (location.startsWith("mem:")) {
      String name = location.substring("mem:".length());
      if (name.isEmpty()) {
        throw badLocation(location, "the memory store needs a name, as in mem:test");
      }
      return MemoryStore.open(name);
    }
    if (location.startsWith("file:")) {
      String path = location.substring("file:".length());
      if (path.startsWith("//")) {
        path = path.substring(2);
      }
      if (path.isEmpty()) {
        throw badLocation(location, "the local store needs a folder, as in file:./data");
      }
      return LocalStore.open(Path.of(path));
    }
    if (location.startsWith("s3://")) {
      return S3Store.open(location, config);
    }
    throw badLocation(location, "the scheme is not one of mem:, file: or s3://");
  }

  private static StoreException badLocation(String location, String why) {
    return new StoreException(
        StoreException.Kind.INVALID_CONFIGURATION,
        null,
        "cannot open store '" + location + "': " + why
            + "; use mem:NAME, file:PATH or s3://bucket/prefix");
  }
}
