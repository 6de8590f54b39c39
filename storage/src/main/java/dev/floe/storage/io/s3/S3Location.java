package dev.floe.storage.io.s3;

import dev.floe.storage.io.ObjectKeys;
import dev.floe.storage.io.StoreException;
import java.util.regex.Pattern;

/**
 * A parsed {@code s3://bucket[/prefix]} location: the bucket, and the key prefix (empty, or ending
 * with {@code /}) under which every object of the store lives.
 *
 * @param bucket the bucket name
 * @param root the prefix prepended to every key: empty, or a valid key path followed by {@code /}
 */
record S3Location(String bucket, String root) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-_]{1,62}");

  /**
   * Parses a location string.
   *
   * @throws StoreException of kind {@link StoreException.Kind#INVALID_CONFIGURATION} naming what
   *     is wrong with it
   */
  static S3Location parse(String location) {
    if (location == null || !location.startsWith("s3://")) {
      throw bad(location, "it does not start with s3://");
    }
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (!BUCKET.matcher(bucket).matches()) {
      throw bad(location, "the bucket name '" + bucket + "' is not 3..63 lower-case letters, digits,"
          + " dots or hyphens");
    }
    if (!prefix.isEmpty()) {
      try {
        ObjectKeys.validate(prefix);
      } catch (StoreException e) {
        throw bad(location, "its prefix is not a valid key path (" + e.getMessage() + ")");
      }
    }
    return new S3Location(bucket, prefix.isEmpty() ? "" : prefix + "/");
  }

  /** The full object name of a store key. */
  String objectName(String key) {
    return root + key;
  }

  /** The store key of a full object name under the root. */
  String keyOf(String objectName) {
    return objectName.substring(root.length());
  }

  /** {@code s3://bucket/prefix}, without a trailing slash. */
  String url() {
    return "s3://" + bucket + (root.isEmpty() ? "" : "/" + root.substring(0, root.length() - 1));
  }

  private static StoreException bad(String location, String why) {
    return new StoreException(
        StoreException.Kind.INVALID_CONFIGURATION, null,
        "cannot open S3 store '" + location + "': " + why + "; use s3://bucket or s3://bucket/prefix");
  }
}
