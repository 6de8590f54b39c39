package dev.floe.storage.io;

/**
 * The rules every object key obeys, checked by every backend before any I/O.
 *
 * <p>A key is 1..1024 characters of printable ASCII (0x21..0x7E, so no space and no control
 * character) and no backslash, does not start with {@code /}, has no empty segment ({@code //}),
 * and has no segment that starts with {@code .} (so no {@code .} or {@code ..}; dot-names are
 * reserved for a backend's own hidden files). These rules make a key a safe relative path on every
 * backend and make lexical order equal byte order.
 *
 * <p>One rule is the caller's to keep, because checking it would cost a request: no key may be a
 * path prefix of another ({@code a} and {@code a/b} cannot both be objects), since a folder store
 * cannot hold a file and a folder under one name. Such a write fails there with {@link
 * StoreException.Kind#INVALID_KEY}. Floe's layout never needs it: folders are namespaces, objects
 * are leaves.
 */
public final class ObjectKeys {
  /** Longest key accepted; S3 allows 1024 bytes for the full key including the root prefix. */
  public static final int MAX_LENGTH = 900;

  private ObjectKeys() {}

  /**
   * Checks a key.
   *
   * @return the key
   * @throws StoreException of kind {@link StoreException.Kind#INVALID_KEY} naming the rule broken
   */
  public static String validate(String key) {
    String problem = problem(key, false);
    if (problem != null) {
      throw invalid(key, problem);
    }
    return key;
  }

  /**
   * Checks a listing prefix: the empty prefix is allowed, and a prefix may end with {@code /}.
   *
   * @return the prefix
   */
  public static String validatePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    String problem = problem(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix, true);
    if (problem != null) {
      throw invalid(prefix, problem);
    }
    return prefix;
  }

  private static StoreException invalid(String key, String problem) {
    return new StoreException(
        StoreException.Kind.INVALID_KEY,
        key,
        "invalid object key '" + printable(key) + "': " + problem
            + "; keys are relative paths of printable ASCII whose segments do not start with '.'");
  }

  private static String problem(String key, boolean prefix) {
    if (key == null) {
      return "it is null";
    }
    if (key.isEmpty()) {
      return prefix ? null : "it is empty";
    }
    if (key.length() > MAX_LENGTH) {
      return "it is " + key.length() + " characters long, over the limit of " + MAX_LENGTH;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return "character " + i + " (U+" + String.format("%04X", (int) c) + ") is not printable ASCII";
      }
      if (c == '\\') {
        return "it contains a backslash";
      }
    }
    if (key.startsWith("/")) {
      return "it starts with '/'";
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        return "it has an empty path segment";
      }
      if (segment.startsWith(".")) {
        return "its path segment '" + segment + "' starts with '.'";
      }
    }
    return null;
  }

  private static String printable(String key) {
    if (key == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < key.length() && i < 200; i++) {
      char c = key.charAt(i);
      b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return b.toString();
  }
}
