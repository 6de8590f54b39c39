package dev.floe.storage.table;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Deletion vectors: the sorted, distinct row positions (0-based within one segment) that a segment
 * entry marks deleted. Stored in a manifest entry as base64 of unsigned LEB128 varints: the count,
 * then the first position, then each gap to the next (format.md §2.3).
 */
final class Deletions {
  static final int[] NONE = new int[0];

  private Deletions() {}

  static String encode(int[] positions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(positions.length + 4);
    varint(out, positions.length);
    int previous = 0;
    for (int i = 0; i < positions.length; i++) {
      varint(out, i == 0 ? positions[0] : positions[i] - previous);
      previous = positions[i];
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  /**
   * Decodes {@link #encode}'s form, checking it against the segment's {@code rows}.
   *
   * @throws IllegalArgumentException if it is malformed, unsorted, repeats a position or names one
   *     past the segment's rows
   */
  static int[] decode(String text, long rows) {
    byte[] b = Base64.getDecoder().decode(text);
    int[] at = {0};
    long n = varint(b, at);
    if (n < 0 || n > rows) {
      throw new IllegalArgumentException("a deletion vector of " + n + " positions for " + rows + " rows");
    }
    int[] out = new int[(int) n];
    long p = 0;
    for (int i = 0; i < n; i++) {
      long gap = varint(b, at);
      if (i > 0 && gap == 0) {
        throw new IllegalArgumentException("a deletion vector repeats position " + p);
      }
      p = i == 0 ? gap : p + gap;
      if (p >= rows) {
        throw new IllegalArgumentException("a deletion vector names row " + p + " of " + rows);
      }
      out[i] = (int) p;
    }
    if (at[0] != b.length) {
      throw new IllegalArgumentException("trailing bytes after a deletion vector");
    }
    return out;
  }

  /** The sorted union of two sorted position sets. */
  static int[] union(int[] a, int[] b) {
    if (b.length == 0) {
      return a;
    }
    if (a.length == 0) {
      return b;
    }
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length || j < b.length) {
      int next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
      if (n == 0 || out[n - 1] != next) {
        out[n++] = next;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Whether two sorted position sets share a position. */
  static boolean intersect(int[] a, int[] b) {
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        return true;
      }
      if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long varint(byte[] b, int[] at) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at[0] >= b.length) {
        throw new IllegalArgumentException("a truncated deletion vector");
      }
      int x = b[at[0]++] & 0xFF;
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("a varint of a deletion vector is too long");
  }
}
