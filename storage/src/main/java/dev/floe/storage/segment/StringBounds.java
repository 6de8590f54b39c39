package dev.floe.storage.segment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Truncated string stats (docs/format.md §3.5). A bound longer than {@link #MAX_BYTES} is cut: a
 * lower bound to a prefix (which sorts before the value); an upper bound to a prefix whose last
 * character (VARCHAR: code point, skipping surrogates; VARBINARY: byte below 0xFF) is incremented,
 * dropping what follows, so it sorts after every value that starts with the prefix. VARCHAR bounds
 * are cut on character boundaries and stay valid UTF-8. If nothing can be incremented, there is no
 * upper bound.
 */
final class StringBounds {
  /** Longest stored string bound, in bytes. */
  static final int MAX_BYTES = 64;

  private StringBounds() {}

  /** A lower bound of {@code v}: v itself if short enough, else a prefix. */
  static byte[] lower(byte[] v, boolean utf8) {
    if (v.length <= MAX_BYTES) {
      return v;
    }
    return Arrays.copyOf(v, utf8 ? charBoundary(v, MAX_BYTES) : MAX_BYTES);
  }

  /** An upper bound of {@code v}: v itself if short enough, else a rounded-up prefix, or null if none exists. */
  static byte[] upper(byte[] v, boolean utf8) {
    if (v.length <= MAX_BYTES) {
      return v;
    }
    if (!utf8) {
      return incrementBytes(Arrays.copyOf(v, MAX_BYTES));
    }
    String prefix = new String(v, 0, charBoundary(v, MAX_BYTES), StandardCharsets.UTF_8);
    int[] cps = prefix.codePoints().toArray();
    for (int i = cps.length - 1; i >= 0; i--) {
      int next = cps[i] + 1;
      if (next == Character.MIN_SURROGATE) {
        next = Character.MAX_SURROGATE + 1;
      }
      if (next <= Character.MAX_CODE_POINT) {
        cps[i] = next;
        return new String(cps, 0, i + 1).getBytes(StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** The smallest byte string greater than every string starting with {@code p}, or null. */
  static byte[] incrementBytes(byte[] p) {
    for (int i = p.length - 1; i >= 0; i--) {
      if (p[i] != (byte) 0xFF) {
        byte[] r = Arrays.copyOf(p, i + 1);
        r[i]++;
        return r;
      }
    }
    return null;
  }

  /** The largest length <= max that does not split a UTF-8 sequence. */
  private static int charBoundary(byte[] v, int max) {
    int n = max;
    while (n > 0 && (v[n] & 0xC0) == 0x80) {
      n--;
    }
    return n;
  }
}
