package dev.floe.storage.segment;

import java.math.BigInteger;

/** 128-bit two's complement little-endian unscaled decimals, as Arrow's DecimalVector stores them. */
final class Decimals {
  private Decimals() {}

  static byte[] toLittleEndian16(BigInteger unscaled) {
    byte[] be = unscaled.toByteArray();
    if (be.length > 16) {
      throw new IllegalArgumentException("decimal " + unscaled + " needs more than 128 bits");
    }
    byte[] le = new byte[16];
    byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
    for (int i = 0; i < 16; i++) {
      le[i] = i < be.length ? be[be.length - 1 - i] : pad;
    }
    return le;
  }

  static BigInteger fromLittleEndian16(byte[] le, int offset) {
    byte[] be = new byte[16];
    for (int i = 0; i < 16; i++) {
      be[i] = le[offset + 15 - i];
    }
    return new BigInteger(be);
  }

  /** Signed comparison of two 128-bit values given as (high, low) words. */
  static int compare(long hi1, long lo1, long hi2, long lo2) {
    int c = Long.compare(hi1, hi2);
    return c != 0 ? c : Long.compareUnsigned(lo1, lo2);
  }
}
