package dev.floe.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast integer-to-double conversion gives the cast's bits for every integer, in range or not. */
class ScaledDoublesTest {
  private static final double[] POW10 = {1, 10, 100, 1_000, 10_000};

  @Test
  void conversionAndDivisionEqualTheCastsBitForBit() {
    Random rnd = new Random(7);
    long edge = 1L << 51;
    long[] special = {0, 1, -1, edge - 1, edge, -edge, -edge - 1, edge + 1, 1L << 53, (1L << 53) + 1, -(1L << 53) - 1,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, 123_456_789_012L, -999_999};
    for (long x : special) {
      assertEquals(Double.doubleToRawLongBits((double) x), Double.doubleToRawLongBits(ScaledDoubles.toDouble(x)), "x=" + x);
    }
    for (int round = 0; round < 200; round++) {
      int n = 1 + rnd.nextInt(3000);
      long[] u = new long[n];
      int scale = rnd.nextInt(4);
      for (int k = 0; k < n; k++) {
        u[k] = switch (scale) {
          case 0 -> rnd.nextInt(2_000_000) - 1_000_000;
          case 1 -> (rnd.nextLong() >> 13); // within 2^51
          case 2 -> rnd.nextLong() >> 10; // some beyond 2^51: the plain path
          default -> k == n / 2 ? special[rnd.nextInt(special.length)] : rnd.nextInt(1000);
        };
      }
      for (double p : POW10) {
        double[] out = new double[n];
        ScaledDoubles.divide(u, n, p, out);
        for (int k = 0; k < n; k++) {
          assertEquals(Double.doubleToRawLongBits(u[k] / p), Double.doubleToRawLongBits(out[k]), "u=" + u[k] + " p=" + p);
          assertEquals(Double.doubleToRawLongBits(u[k] / p), Double.doubleToRawLongBits(ScaledDoubles.toDouble(u[k]) / p));
        }
      }
    }
  }
}
