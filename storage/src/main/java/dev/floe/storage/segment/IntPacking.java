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
        default -> {
          for (int i = 0; i < n; i++) {
            LONG.set(out, i << 3, base + ((int) INT.get(s, p + (i << 2)) & 0xFFFF_FFFFL));
          }
        }
      }
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
