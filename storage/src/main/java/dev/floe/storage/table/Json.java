package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.commit.StoreErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The one JSON mapper of the table package, the one place every JSON object Floe stores is turned
 * into bytes and back, and strict field access for the parsers.
 *
 * <p>Checksums ({@code docs/format.md} §1.1): every object is written with {@code
 * "crc32c":"xxxxxxxx"} (8 lower-case hex digits) as its first field, so its bytes start with
 * {@code {"crc32c":"}; the digits are the CRC32C of the exact written bytes with those 8 digits
 * replaced by {@code 00000000}. A reader checks the prefix and the CRC before it parses anything; a
 * mismatch is a CORRUPT_OBJECT (XX001) error naming the key, never a parsed value.
 */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The checksum field, always the first of a stored object. */
  static final String FIELD = "crc32c";

  private static final byte[] PREFIX = "{\"crc32c\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZEROS = "00000000".getBytes(StandardCharsets.US_ASCII);
  private static final int DIGITS = PREFIX.length;

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * The stored bytes of {@code node}, a JSON object: its fields after a leading {@code crc32c}
   * field holding the checksum of the result (a {@code crc32c} field of {@code node} is replaced).
   */
  static byte[] bytes(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("Floe stores JSON objects only, got " + node.getNodeType());
    }
    ObjectNode o = MAPPER.createObjectNode();
    o.put(FIELD, "00000000");
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!FIELD.equals(e.getKey())) {
        o.set(e.getKey(), e.getValue());
      }
    }
    byte[] b;
    try {
      b = MAPPER.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] hex = String.format("%08x", crc(b)).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(hex, 0, b, DIGITS, 8);
    return b;
  }

  /** Whether {@code bytes} start like a checksummed object ({@code {"crc32c":"xxxxxxxx"}). */
  static boolean hasChecksum(byte[] bytes) {
    if (bytes.length < DIGITS + 10) {
      return false;
    }
    for (int i = 0; i < DIGITS; i++) {
      if (bytes[i] != PREFIX[i]) {
        return false;
      }
    }
    return bytes[DIGITS + 8] == '"';
  }

  /** The CRC32C of {@code b} with its 8 checksum digits read as {@code 00000000}. */
  private static int crc(byte[] b) {
    CRC32C c = new CRC32C();
    c.update(b, 0, DIGITS);
    c.update(ZEROS, 0, 8);
    c.update(b, DIGITS + 8, b.length - DIGITS - 8);
    return (int) c.getValue();
  }

  /** Throws unless {@code bytes} are a checksummed object whose checksum matches. */
  private static void verify(byte[] bytes) throws IOException {
    if (!hasChecksum(bytes)) {
      throw new IOException("it does not start with its " + FIELD + " checksum ("
          + (bytes.length == 0 ? "it is empty" : bytes.length + " bytes") + ")");
    }
    String stored = new String(bytes, DIGITS, 8, StandardCharsets.US_ASCII);
    if (!stored.matches("[0-9a-f]{8}")) {
      throw new IOException("its checksum '" + stored + "' is not 8 lower-case hex digits");
    }
    String actual = String.format("%08x", crc(bytes));
    if (!stored.equals(actual)) {
      throw new IOException("checksum mismatch: the object says " + FIELD + " " + stored
          + " but its bytes give " + actual);
    }
  }

  /**
   * Parses a stored object whose checksum is required (roots of format version 2 and later).
   * Failures are CORRUPT_OBJECT errors naming the key.
   */
  static JsonNode parse(String key, String location, String what, byte[] bytes) {
    return parse(key, location, what, bytes, false);
  }

  /**
   * Parses a stored object; failures are CORRUPT_OBJECT errors naming the key. The checksum is
   * checked whenever the object has one; one without a checksum is accepted only if {@code legacy}
   * (a root whose marker says format version 1). The {@code crc32c} field is removed from the
   * result.
   */
  static JsonNode parse(String key, String location, String what, byte[] bytes, boolean legacy) {
    try {
      boolean checked = hasChecksum(bytes);
      if (checked || !legacy) {
        verify(bytes);
      }
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new IOException("not a JSON object");
      }
      if (!checked && n.has(FIELD)) {
        throw new IOException("its " + FIELD + " field is not where the format puts it (first)");
      }
      ((ObjectNode) n).remove(FIELD);
      return n;
    } catch (IOException e) {
      throw StoreErrors.corrupt(key, location, what, e);
    }
  }

  /** A required field; a missing one is reported as a parse failure of the whole object. */
  static JsonNode req(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return v;
  }
}
