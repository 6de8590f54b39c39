package dev.floe.storage.segment;

/**
 * The {@link Encoding#SCALED} form of DOUBLE chunks (docs/format.md §3.3.2): when every non-NULL
 * value {@code d} equals {@code (double) u / 10^e} exactly (same bits) for an integer {@code u}
 * and one {@code e} in 0..4, the chunk stores {@code e} and the integers, which FOR/DELTA packing
 * then shrinks (2-decimal prices move by a few cents a row). Decoding is one correctly rounded
 * IEEE division a row, so it reproduces every value bit for bit.
 */
final class ScaledDoubles {
  static final int MAX_EXPONENT = 4;
  private static final double[] POW10 = {1, 10, 100, 1_000, 10_000};
  private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[0]);

  private ScaledDoubles() {}

  /** The encoded buffer ({@code u8 e} then an integer stream), or null when the values do not qualify. */
  static byte[] tryEncode(byte[] values, int n, byte[] validity, int nulls) {
    long[] u = new long[n];
    for (int e = 0; e <= MAX_EXPONENT; e++) {
      if (fits(values, n, validity, nulls, POW10[e], u)) {
        byte[] stream = IntPacking.encode(u, n, 8);
        if (stream[0] == IntPacking.PLAIN) {
          return null;
        }
        byte[] out = new byte[1 + stream.length];
        out[0] = (byte) e;
        System.arraycopy(stream, 0, out, 1, stream.length);
        return out;
      }
    }
    return null;
  }

  private static boolean fits(byte[] values, int n, byte[] validity, int nulls, double p, long[] u) {
    long fill = 0;
    boolean first = true;
    for (int i = 0; i < n; i++) {
      if (nulls != 0 && !ChunkEncoder.valid(validity, i)) {
        u[i] = fill;
        continue;
      }
      double d = Double.longBitsToDouble((long) IntPacking.LONG.get(values, i << 3));
      long x = Math.round(d * p);
      if (Double.doubleToRawLongBits(x / p) != Double.doubleToRawLongBits(d)) {
        return false;
      }
      u[i] = x;
      if (first) {
        for (int j = 0; j < i; j++) {
          u[j] = x;
        }
        first = false;
      }
      fill = x;
    }
    return true;
  }

  /** The exponent of a SCALED buffer, checked. */
  static int exponent(byte[] buffer) {
    if (buffer.length < 1 || buffer[0] < 0 || buffer[0] > MAX_EXPONENT) {
      throw new IllegalArgumentException("SCALED exponent out of range");
    }
    return buffer[0];
  }

  /**
   * Values {@code [from, from + n)} of a SCALED chunk, whose integer {@code stream} (the buffer
   * after its exponent byte) is {@link IntPacking#randomAccess}, as little-endian doubles.
   */
  static void decodeRangeTo(byte[] stream, int exponent, int from, int n, byte[] out) {
    double p = POW10[exponent];
    IntPacking.decodeRangeTo(stream, from, n, 8, out);
    for (int i = 0; i < n; i++) {
      int at = i << 3;
      IntPacking.LONG.set(out, at, Double.doubleToRawLongBits(toDouble((long) IntPacking.LONG.get(out, at)) / p));
    }
  }

  /** As {@link #decodeRangeTo}, for rows {@code first + sel[k]} ({@code first + k} without {@code sel}). */
  static void decodeRowsTo(byte[] stream, int exponent, int first, int[] sel, int n, double[] out) {
    double p = POW10[exponent];
    long[] u = SCRATCH.get();
    if (u.length < n) {
      u = new long[Math.max(n, 1024)];
      SCRATCH.set(u);
    }
    IntPacking.decodeRowsTo(stream, first, sel, n, 8, u);
    divide(u, n, p, out);
  }

  /** The bits of 1.5 * 2^52, whose last 52 bits hold 2^51: adding x (|x| <= 2^51) to them gives 1.5 * 2^52 + x. */
  private static final long MAGIC_BITS = 0x4338000000000000L;
  private static final double MAGIC = 6755399441055744.0;

  /**
   * {@code out[k] = (double) u[k] / p} for {@code k < n}, bit for bit. An integer of magnitude
   * below 2^51 becomes a double exactly by adding it to the bits of 1.5 * 2^52 and subtracting
   * 1.5 * 2^52 (three times faster here than the conversion instruction C2 emits, which waits on
   * the previous iteration's register); if any value lies outside that range, all are done again
   * with the plain conversion.
   */
  static void divide(long[] u, int n, double p, double[] out) {
    long outside = 0;
    for (int k = 0; k < n; k++) {
      long x = u[k];
      outside |= (x + (1L << 51)) >>> 52;
      out[k] = (Double.longBitsToDouble(MAGIC_BITS + x) - MAGIC) / p;
    }
    if (outside != 0) {
      for (int k = 0; k < n; k++) {
        out[k] = u[k] / p;
      }
    }
  }

  /** {@code (double) x}, exactly as the cast rounds it (see {@link #divide}). */
  static double toDouble(long x) {
    return ((x + (1L << 51)) >>> 52) == 0 ? Double.longBitsToDouble(MAGIC_BITS + x) - MAGIC : (double) x;
  }

  /** The DOUBLE values, little-endian, of a SCALED buffer. */
  static byte[] decode(byte[] buffer, int n) {
    double p = POW10[exponent(buffer)];
    byte[] stream = java.util.Arrays.copyOfRange(buffer, 1, buffer.length);
    byte[] longs = new byte[n * 8];
    IntPacking.decodeTo(stream, n, 8, longs);
    for (int i = 0; i < n; i++) {
      int at = i << 3;
      IntPacking.LONG.set(longs, at, Double.doubleToRawLongBits(toDouble((long) IntPacking.LONG.get(longs, at)) / p));
    }
    return longs;
  }
}
