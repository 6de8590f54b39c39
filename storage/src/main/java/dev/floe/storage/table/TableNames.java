package dev.floe.storage.table;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.codec.binary.Base32;

/**
 * Table names as they appear in keys: lower-case RFC 4648 base32 without padding of the name's
 * UTF-8 bytes, so no name can play path tricks or collide by case with another's key. The SQL
 * layer normalizes names (unquoted names fold to lower case) before they reach this class.
 */
final class TableNames {
  /** Longest name, in UTF-8 bytes. */
  static final int MAX_BYTES = 128;

  private static final Base32 B32 = new Base32();

  private TableNames() {}

  /**
   * Checks a name.
   *
   * @throws FloeException {@link ErrorCode#INVALID_NAME}
   */
  static String validate(String name) {
    if (name == null || name.isEmpty()) {
      throw new FloeException(ErrorCode.INVALID_NAME, "a table name must not be empty");
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new FloeException(ErrorCode.INVALID_NAME, "table name '" + name.substring(0, 20)
          + "...' is " + bytes + " UTF-8 bytes long, over the limit of " + MAX_BYTES + "; use a shorter name");
    }
    if (name.chars().anyMatch(c -> c < 0x20)) {
      throw new FloeException(ErrorCode.INVALID_NAME, "table name contains a control character");
    }
    return name;
  }

  /** The key form of a (valid) name. */
  static String b32(String name) {
    String s = B32.encodeAsString(validate(name).getBytes(StandardCharsets.UTF_8));
    int end = s.indexOf('=');
    return (end < 0 ? s : s.substring(0, end)).toLowerCase(Locale.ROOT);
  }

  /** The name a key form stands for, or null if it is not one. */
  static String decode(String b32) {
    if (b32.isEmpty() || !b32.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
      return null;
    }
    String padded = b32.toUpperCase(Locale.ROOT) + "=".repeat((8 - b32.length() % 8) % 8);
    byte[] bytes = B32.decode(padded);
    String name = new String(bytes, StandardCharsets.UTF_8);
    return b32(name).equals(b32) ? name : null;
  }
}
