package dev.floe.planner.parquet;

import dev.floe.planner.csv.FileAccess;
import dev.floe.storage.io.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/**
 * One Parquet file a scan reads: a local file, opened only after the connection's {@link
 * FileAccess} allows it again, or an object under the connection's store root.
 */
sealed interface ParquetSource {
  /** The file as errors name it (as the statement wrote it, or the object's URL). */
  String name();

  /** The file, opened for reading; {@code access} decides again for a local file. */
  InputFile open(FileAccess access) throws IOException;

  /** A local file: {@code requested} as found (glob expanded), re-checked at every open. */
  record Local(String name) implements ParquetSource {
    @Override
    public InputFile open(FileAccess access) {
      Path real = access.check(ReadParquet.NAME, name);
      return new LocalInputFile(real);
    }
  }

  /**
   * An object of the connection's store, read by ranges ({@link StoreInputFile}).
   *
   * @param name its URL
   * @param key its key under the root
   * @param size its size in bytes, as listed
   */
  record Stored(String name, ObjectStore store, String key, long size) implements ParquetSource {
    @Override
    public InputFile open(FileAccess access) {
      return new StoreInputFile(store, key, size);
    }
  }
}
