package dev.floe.storage.segment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Integer streams (docs/format.md §3.3): an 18-byte header {@code u8 packing, u8 width, i64 base,
 * i64 step}, then one unsigned {@code width}-byte little-endian word per value.
 *
 * <ul>
 *   <li>PLAIN (0): the words are the values themselves at their native width (two's complement).
 *   <li>FOR (1), frame of reference: {@code v[i] = base + w[i]}.
 *   <li>DELTA (2): {@code v[0] = base}, {@code v[i] = v[i-1] + step + w[i]} for {@code i >= 1}
 *       ({@code w[0]} is written as 0). Arithmetic wraps modulo 2^64.
 * </ul>
 *
 * Width is 0, 1, 2, 4 or 8; width 0 stores no words (every word is 0). The writer picks whichever
 * of FOR and DELTA needs the narrower width, and PLAIN when neither is narrower than the native
 * width, so ascending timestamps with a regular step cost next to nothing before LZ4 even runs.
 */
final class IntPacking {
  static final int PLAIN = 0;
  static final int FOR = 1;
  static final int DELTA = 2;
  static final int HEADER = 18;

  static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[0]);

  private IntPacking() {}

  /** Encodes {@code v[0, n)}, values of a type {@code nativeWidth} bytes wide. */
  static byte[] encode(long[] v, int n, int nativeWidth) {
    int packing = PLAIN;
    int width = nativeWidth;
    long base = 0;
    long step = 0;
    if (n > 0) {
      long min = v[0];
      long max = v[0];
      long minD = 0;
      long maxD = 0;
      for (int i = 1; i < n; i++) {
        long x = v[i];
        if (x < min) {
          min = x;
        } else if (x > max) {
          max = x;
        }
        long d = x - v[i - 1];
        if (i == 1) {
          minD = d;
          maxD = d;
        } else if (d < minD) {
          minD = d;
        } else if (d > maxD) {
          maxD = d;
        }
      }
      int forWidth = widthOf(max - min);
      int deltaWidth = widthOf(maxD - minD);
      if (Math.min(forWidth, deltaWidth) < nativeWidth) {
        if (deltaWidth < forWidth) {
          packing = DELTA;
          width = deltaWidth;
          base = v[0];
          step = minD;
        } else {
          packing = FOR;
          width = forWidth;
          base = min;
        }
      }
    }
    byte[] out = new byte[HEADER + n * width];
    out[0] = (byte) packing;
    out[1] = (byte) width;
    LONG.set(out, 2, base);
    LONG.set(out, 10, step);
    int pos = HEADER;
    for (int i = 0; i < n; i++) {
      long w;
      if (packing == PLAIN) {
        w = v[i];
      } else if (packing == FOR) {
        w = v[i] - base;
      } else {
        w = i == 0 ? 0 : v[i] - v[i - 1] - step;
      }
      switch (width) {
        case 0 -> { }
        case 1 -> out[pos] = (byte) w;
        case 2 -> SHORT.set(out, pos, (short) w);
        case 4 -> INT.set(out, pos, (int) w);
        default -> LONG.set(out, pos, w);
      }
      pos += width;
    }
    return out;
  }

  /** Bytes needed for an unsigned range: 0, 1, 2, 4 or 8. */
  static int widthOf(long unsignedRange) {
    if (unsignedRange == 0) {
      return 0;
    } else if (Long.compareUnsigned(unsignedRange, 0xFFL) <= 0) {
      return 1;
    } else if (Long.compareUnsigned(unsignedRange, 0xFFFFL) <= 0) {
      return 2;
    } else if (Long.compareUnsigned(unsignedRange, 0xFFFF_FFFFL) <= 0) {
      return 4;
    }
    return 8;
  }

  /**
   * Decodes {@code n} values into {@code out} at their native width, little-endian (Arrow's layout).
   *
   * @throws IllegalArgumentException if the stream is malformed (the caller reports CORRUPT)
   */
  static void decodeTo(byte[] s, int n, int nativeWidth, byte[] out) {
    if (n > 0 && s.length > 1 && s[0] == PLAIN && s[1] == nativeWidth && s.length == HEADER + (long) n * nativeWidth) {
      System.arraycopy(s, HEADER, out, 0, n * nativeWidth);
      return;
    }
    if (nativeWidth == 8 && n > 0 && decodeLongsTo(s, n, out)) {
      return;
    }
    long[] v = decodeLongs(s, n, nativeWidth);
    switch (nativeWidth) {
      case 1 -> {
        for (int i = 0; i < n; i++) {
          out[i] = (byte) v[i];
        }
      }
      case 2 -> {
        for (int i = 0; i < n; i++) {
          SHORT.set(out, i << 1, (short) v[i]);
        }
      }
      case 4 -> {
        for (int i = 0; i < n; i++) {
          INT.set(out, i << 2, (int) v[i]);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          LONG.set(out, i << 3, v[i]);
        }
      }
    }
  }

  /**
   * The fused path for 64-bit values packed with FOR or DELTA: one pass, no scratch array.
   * Returns false (and does nothing) for any other stream, which the general path then handles.
   */
  private static boolean decodeLongsTo(byte[] s, int n, byte[] out) {
    int packing = s.length >= HEADER ? s[0] : -1;
    int width = s.length >= HEADER ? s[1] : -1;
    if ((packing != FOR && packing != DELTA) || (width != 0 && width != 1 && width != 2 && width != 4)
        || s.length != HEADER + (long) n * width) {
      return false;
    }
    long base = (long) LONG.get(s, 2);
    long step = packing == DELTA ? (long) LONG.get(s, 10) : 0;
    int p = HEADER;
    if (packing == FOR) {
      decodeRangeTo(s, 0, n, 8, out); // random access from row 0 is the whole stream
      return true;
    }
    long acc = base;
    LONG.set(out, 0, acc);
    switch (width) {
      case 0 -> {
        for (int i = 1; i < n; i++) {
          acc += step;
          LONG.set(out, i << 3, acc);
        }
      }
      case 1 -> {
        for (int i = 1; i < n; i++) {
          acc += step + (s[p + i] & 0xFFL);
          LONG.set(out, i << 3, acc);
        }
      }
      case 2 -> {
        for (int i = 1; i < n; i++) {
          acc += step + ((short) SHORT.get(s, p + (i << 1)) & 0xFFFFL);
          LONG.set(out, i << 3, acc);
        }
      }
      default -> {
        for (int i = 1; i < n; i++) {
          acc += step + ((int) INT.get(s, p + (i << 2)) & 0xFFFF_FFFFL);
          LONG.set(out, i << 3, acc);
        }
      }
    }
    return true;
  }

  /**
   * Whether value {@code i} of a well-formed stream of {@code n} values can be read without reading
   * the others: PLAIN (at native width) and FOR streams, whose length is exactly right. DELTA
   * streams are prefix sums and are not.
   */
  static boolean randomAccess(byte[] s, int n, int nativeWidth) {
    if (s.length < HEADER) {
      return false;
    }
    int packing = s[0];
    int width = s[1];
    boolean widthOk = packing == PLAIN ? width == nativeWidth
        : packing == FOR && (width == 0 || width == 1 || width == 2 || width == 4 || width == 8);
    return widthOk && s.length == HEADER + (long) n * width;
  }

  /**
   * Decodes values {@code [from, from + n)} of a {@link #randomAccess} stream into {@code out}
   * from index 0, at their native width, little-endian.
   */
  static void decodeRangeTo(byte[] s, int from, int n, int nativeWidth, byte[] out) {
    int width = s[1];
    int p = HEADER + from * width;
    if (s[0] == PLAIN) {
      System.arraycopy(s, p, out, 0, n * width);
      return;
    }
    long base = (long) LONG.get(s, 2);
    if (nativeWidth == 8) {
      switch (width) {
        case 0 -> {
          for (int i = 0; i < n; i++) {
            LONG.set(out, i << 3, base);
          }
        }
        case 1 -> {
          for (int i = 0; i < n; i++) {
            LONG.set(out, i << 3, base + (s[p + i] & 0xFFL));
          }
        }
        case 2 -> {
          for (int i = 0; i < n; i++) {
            LONG.set(out, i << 3, base + ((short) SHORT.get(s, p + (i << 1)) & 0xFFFFL));
          }
        }
        case 4 -> {
          for (int i = 0; i < n; i++) {
            LONG.set(out, i << 3, base + ((int) INT.get(s, p + (i << 2)) & 0xFFFF_FFFFL));
          }
        }
        default -> {
          for (int i = 0; i < n; i++) {
            LONG.set(out, i << 3, base + (long) LONG.get(s, p + (i << 3)));
          }
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      long u = switch (width) {
        case 0 -> 0L;
        case 1 -> s[p + i] & 0xFFL;
        case 2 -> (short) SHORT.get(s, p + (i << 1)) & 0xFFFFL;
        case 4 -> (int) INT.get(s, p + (i << 2)) & 0xFFFF_FFFFL;
        default -> (long) LONG.get(s, p + (i << 3));
      };
      long v = base + u;
      switch (nativeWidth) {
        case 1 -> out[i] = (byte) v;
        case 2 -> SHORT.set(out, i << 1, (short) v);
        default -> INT.set(out, i << 2, (int) v);
      }
    }
  }

  /**
   * Values {@code first + sel[k]} ({@code first + k} when {@code sel} is null) of a {@link
   * #randomAccess} stream, sign-extended from the native width, into {@code out[k]} for k below n.
   */
  static void decodeRowsTo(byte[] s, int first, int[] sel, int n, int nativeWidth, long[] out) {
    int width = s[1];
    boolean plain = s[0] == PLAIN;
    long base = plain ? 0 : (long) LONG.get(s, 2);
    int p = HEADER;
    if (!plain && nativeWidth == 8 && sel == null) { // every row of a batch: straight loops
      int q = p + first * width;
      switch (width) {
        case 0 -> java.util.Arrays.fill(out, 0, n, base);
        case 1 -> {
          for (int k = 0; k < n; k++) {
            out[k] = base + (s[q + k] & 0xFFL);
          }
        }
        case 2 -> {
          for (int k = 0; k < n; k++) {
            out[k] = base + ((short) SHORT.get(s, q + (k << 1)) & 0xFFFFL);
          }
        }
        case 4 -> {
          for (int k = 0; k < n; k++) {
            out[k] = base + ((int) INT.get(s, q + (k << 2)) & 0xFFFF_FFFFL);
          }
        }
        default -> {
          for (int k = 0; k < n; k++) {
            out[k] = base + (long) LONG.get(s, q + (k << 3));
          }
        }
      }
      return;
    }
    if (!plain && nativeWidth == 8) { // a selection: one loop per word width
      switch (width) {
        case 0 -> java.util.Arrays.fill(out, 0, n, base);
        case 1 -> {
          for (int k = 0; k < n; k++) {
            out[k] = base + (s[p + first + (sel == null ? k : sel[k])] & 0xFFL);
          }
        }
        case 2 -> {
          for (int k = 0; k < n; k++) {
            out[k] = base + ((short) SHORT.get(s, p + ((first + (sel == null ? k : sel[k])) << 1)) & 0xFFFFL);
          }
        }
        case 4 -> {
          for (int k = 0; k < n; k++) {
            out[k] = base + ((int) INT.get(s, p + ((first + (sel == null ? k : sel[k])) << 2)) & 0xFFFF_FFFFL);
          }
        }
        default -> {
          for (int k = 0; k < n; k++) {
            out[k] = base + (long) LONG.get(s, p + ((first + (sel == null ? k : sel[k])) << 3));
          }
        }
      }
      return;
    }
    for (int k = 0; k < n; k++) {
      int i = first + (sel == null ? k : sel[k]);
      long x = plain ? signedAt(s, p, i, width) : base + unsignedAt(s, p, i, width);
      out[k] = switch (nativeWidth) {
        case 1 -> (byte) x;
        case 2 -> (short) x;
        case 4 -> (int) x;
        default -> x;
      };
    }
  }

  /** Value {@code i} of little-endian signed integers of {@code width} bytes starting at 0. */
  static long signedAt(byte[] b, int i, int width) {
    return signedAt(b, 0, i, width);
  }

  private static long signedAt(byte[] b, int offset, int i, int width) {
    return switch (width) {
      case 1 -> b[offset + i];
      case 2 -> (short) SHORT.get(b, offset + (i << 1));
      case 4 -> (int) INT.get(b, offset + (i << 2));
      default -> (long) LONG.get(b, offset + (i << 3));
    };
  }

  private static long unsignedAt(byte[] b, int offset, int i, int width) {
    return switch (width) {
      case 0 -> 0L;
      case 1 -> b[offset + i] & 0xFFL;
      case 2 -> (short) SHORT.get(b, offset + (i << 1)) & 0xFFFFL;
      case 4 -> (int) INT.get(b, offset + (i << 2)) & 0xFFFF_FFFFL;
      default -> (long) LONG.get(b, offset + (i << 3));
    };
  }

  /**
   * The sum of values {@code [from, from + n)} of a 64-bit FOR stream, computed from its words as
   * {@code n * base + sum(words)}, when every one of those values has the same sign (then every
   * running sum of them lies between the first and the last, so adding them one by one overflows
   * exactly when this does); null for any other stream (PLAIN, DELTA, or values of both signs),
   * and when the sum leaves the 64-bit range (the caller then adds row by row, and fails or not
   * exactly as it would have).
   */
  static Long sumRange(byte[] s, int from, int n) {
    if (s[0] != FOR || s[1] > 4) {
      return null;
    }
    int width = s[1];
    long base = (long) LONG.get(s, 2);
    long maxWord = width == 0 ? 0 : (1L << (8 * width)) - 1;
    if (base < 0 && (base + maxWord >= 0 || base + maxWord < base)) {
      return null; // values may have both signs
    }
    int p = HEADER + from * width;
    long words = 0; // at most n * (2^32 - 1): no overflow for n below 2^31
    switch (width) {
      case 0 -> { }
      case 1 -> {
        for (int i = 0; i < n; i++) {
          words += s[p + i] & 0xFFL;
        }
      }
      case 2 -> {
        for (int i = 0; i < n; i++) {
          words += (short) SHORT.get(s, p + (i << 1)) & 0xFFFFL;
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          words += (int) INT.get(s, p + (i << 2)) & 0xFFFF_FFFFL;
        }
      }
    }
    try {
      return Math.addExact(Math.multiplyExact(base, (long) n), words);
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /**
   * Whether the {@code n} values of a well-formed stream are provably non-decreasing from its
   * header alone: DELTA with a step of at least 0 (every word adds a non-negative amount) whose
   * largest possible last value, {@code base + (n - 1) * (step + maxWord)}, neither overflows nor
   * leaves the native width (so no value wraps). Ascending timestamps qualify; a sequence that
   * wraps around modulo 2^64 does not.
   */
  static boolean provablyAscending(byte[] s, int n, int nativeWidth) {
    if (s.length < HEADER || s[0] != DELTA || n < 1) {
      return false;
    }
    int width = s[1];
    long base = (long) LONG.get(s, 2);
    long step = (long) LONG.get(s, 10);
    if (width < 0 || width > 4 || step < 0) {
      return false;
    }
    long maxWord = width == 0 ? 0 : (1L << (8 * width)) - 1;
    try {
      long last = Math.addExact(base, Math.multiplyExact(n - 1L, Math.addExact(step, maxWord)));
      long lo = nativeWidth == 8 ? Long.MIN_VALUE : -(1L << (8 * nativeWidth - 1));
      long hi = nativeWidth == 8 ? Long.MAX_VALUE : (1L << (8 * nativeWidth - 1)) - 1;
      return base >= lo && last <= hi;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /** Decodes {@code n} 32-bit values (offsets, dictionary codes). */
  static int[] decodeInts(byte[] s, int n) {
    if (n > 0 && s.length >= HEADER && (s[0] == FOR || s[0] == DELTA) && (s[1] == 1 || s[1] == 2)
        && s.length == HEADER + (long) n * s[1]) {
      return decodeNarrowInts(s, n);
    }
    long[] v = decodeLongs(s, n, 4);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  /** The fused path for 32-bit values packed into 1- or 2-byte words (codes, offsets). */
  private static int[] decodeNarrowInts(byte[] s, int n) {
    int[] out = new int[n];
    int base = (int) (long) LONG.get(s, 2);
    int step = (int) (long) LONG.get(s, 10);
    boolean delta = s[0] == DELTA;
    int p = HEADER;
    if (s[1] == 1) {
      for (int i = 0; i < n; i++) {
        out[i] = s[p + i] & 0xFF;
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = (short) SHORT.get(s, p + (i << 1)) & 0xFFFF;
      }
    }
    if (delta) {
      int acc = base;
      out[0] = base;
      for (int i = 1; i < n; i++) {
        acc += step + out[i];
        out[i] = acc;
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] += base;
      }
    }
    return out;
  }

  /** Decodes into a per-thread scratch array, valid until the next call on this thread. */
  private static long[] decodeLongs(byte[] s, int n, int nativeWidth) {
    if (s.length < HEADER) {
      throw new IllegalArgumentException("integer stream shorter than its header");
    }
    int packing = s[0];
    int width = s[1];
    long base = (long) LONG.get(s, 2);
    long step = (long) LONG.get(s, 10);
    if (packing < PLAIN || packing > DELTA
        || (width != 0 && width != 1 && width != 2 && width != 4 && width != 8)
        || (packing == PLAIN && width != nativeWidth)) {
      throw new IllegalArgumentException("integer stream has packing " + packing + " and width " + width);
    }
    if (s.length != HEADER + (long) n * width) {
      throw new IllegalArgumentException("integer stream of " + n + " values is " + s.length + " bytes");
    }
    long[] v = SCRATCH.get();
    if (v.length < n) {
      v = new long[Math.max(n, 1024)];
      SCRATCH.set(v);
    }
    boolean signed = packing == PLAIN;
    int p = HEADER;
    switch (width) {
      case 0 -> java.util.Arrays.fill(v, 0, n, 0L);
      case 1 -> {
        for (int i = 0; i < n; i++) {
          v[i] = signed ? s[p + i] : s[p + i] & 0xFFL;
        }
      }
      case 2 -> {
        for (int i = 0; i < n; i++) {
          short x = (short) SHORT.get(s, p + (i << 1));
          v[i] = signed ? x : x & 0xFFFFL;
        }
      }
      case 4 -> {
        for (int i = 0; i < n; i++) {
          int x = (int) INT.get(s, p + (i << 2));
          v[i] = signed ? x : x & 0xFFFF_FFFFL;
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          v[i] = (long) LONG.get(s, p + (i << 3));
        }
      }
    }
    if (packing == FOR) {
      for (int i = 0; i < n; i++) {
        v[i] += base;
      }
    } else if (packing == DELTA && n > 0) {
      long acc = base;
      v[0] = base;
      for (int i = 1; i < n; i++) {
        acc += step + v[i];
        v[i] = acc;
      }
    }
    return v;
  }
}
