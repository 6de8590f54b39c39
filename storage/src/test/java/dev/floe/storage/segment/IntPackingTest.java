package dev.floe.storage.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntPackingTest {
  @Test
  void everyPackingAndWidthRoundTrips() {
    Random rnd = new Random(11);
    Set<String> seen = new HashSet<>();
    for (int iter = 0; iter < 2000; iter++) {
      int nativeWidth = new int[] {1, 2, 4, 8}[rnd.nextInt(4)];
      int n = rnd.nextInt(300);
      long[] v = new long[n];
      long range = 1L << rnd.nextInt(64);
      long base = rnd.nextLong();
      long step = rnd.nextInt(3) == 0 ? rnd.nextLong() : rnd.nextInt(2000) - 1000;
      boolean delta = rnd.nextBoolean();
      for (int i = 0; i < n; i++) {
        long x = delta ? base + step * i + (range <= 1 ? 0 : rnd.nextLong() % range) : base + (range <= 1 ? 0 : rnd.nextLong() % range);
        v[i] = switch (nativeWidth) {
          case 1 -> (byte) x;
          case 2 -> (short) x;
          case 4 -> (int) x;
          default -> x;
        };
      }
      byte[] s = IntPacking.encode(v, n, nativeWidth);
      seen.add(s[0] + "/" + s[1] + "/" + nativeWidth);
      byte[] out = new byte[n * nativeWidth];
      IntPacking.decodeTo(s, n, nativeWidth, out);
      ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
      long[] back = new long[n];
      for (int i = 0; i < n; i++) {
        back[i] = switch (nativeWidth) {
          case 1 -> b.get(i);
          case 2 -> b.getShort(i * 2);
          case 4 -> b.getInt(i * 4);
          default -> b.getLong(i * 8);
        };
      }
      assertArrayEquals(v, back);
      if (IntPacking.randomAccess(s, n, nativeWidth) && n > 0) {
        int from = rnd.nextInt(n);
        int len = rnd.nextInt(n - from + 1);
        byte[] part = new byte[len * nativeWidth];
        IntPacking.decodeRangeTo(s, from, len, nativeWidth, part);
        assertArrayEquals(java.util.Arrays.copyOfRange(out, from * nativeWidth, (from + len) * nativeWidth), part,
            "rows [" + from + ", " + (from + len) + ") of packing " + s[0] + " width " + s[1]);
        seen.add("range " + s[0] + "/" + s[1] + "/" + nativeWidth);
      }
      if (nativeWidth == 8 && n > 0) {
        int from = rnd.nextInt(n);
        int len = rnd.nextInt(n - from + 1);
        java.math.BigInteger exact = java.math.BigInteger.ZERO;
        boolean pos = false;
        boolean neg = false;
        for (int i = from; i < from + len; i++) {
          exact = exact.add(java.math.BigInteger.valueOf(v[i]));
          pos |= v[i] >= 0;
          neg |= v[i] < 0;
        }
        Long sum = IntPacking.sumRange(s, from, len);
        if (sum != null) {
          assertEquals(exact, java.math.BigInteger.valueOf(sum), "sum of rows [" + from + ", " + (from + len) + ")");
          assertEquals(false, pos && neg, "summed values of both signs");
          seen.add("sum " + s[1]);
        } else if (s[0] == IntPacking.FOR && s[1] <= 4 && !(pos && neg) && exact.bitLength() < 64 && len > 0) {
          long streamBase = (long) IntPacking.LONG.get(s, 2);
          assertEquals(true, streamBase < 0, "a same-sign FOR range whose sum fits was not summed (base " + streamBase + ")");
        }
      }
      if (IntPacking.provablyAscending(s, n, nativeWidth)) {
        for (int i = 1; i < n; i++) {
          assertEquals(true, v[i - 1] <= v[i], "claimed ascending but " + v[i - 1] + " > " + v[i]);
        }
        seen.add("ascending");
      }
      if (nativeWidth == 4) {
        int[] ints = IntPacking.decodeInts(s, n);
        for (int i = 0; i < n; i++) {
          assertEquals((int) v[i], ints[i]);
        }
      }
    }
    for (String combo : new String[] {"sum 0", "sum 1", "sum 2", "sum 4", "ascending", "range 0/8/8", "range 1/1/8", "range 1/2/8", "range 1/4/8",
        "range 1/2/4", "range 0/4/4", "0/8/8", "1/0/8", "1/1/8", "1/2/8", "1/4/8", "2/0/8", "2/1/8", "2/2/8", "2/4/8", "0/4/4", "1/2/4", "2/1/4"}) {
      assertEquals(true, seen.contains(combo), "packing/width/native " + combo + " not exercised: " + seen);
    }
  }

  @Test
  void aSequenceThatWrapsAroundIsNotAscending() {
    long[] wraps = {Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
    byte[] s = IntPacking.encode(wraps, 4, 8);
    assertEquals(IntPacking.DELTA, s[0], "steps of +1 modulo 2^64 pack as DELTA");
    assertEquals(false, IntPacking.provablyAscending(s, 4, 8));
    int[] ints = {Integer.MAX_VALUE - 1, Integer.MAX_VALUE, Integer.MIN_VALUE};
    byte[] i = IntPacking.encode(java.util.Arrays.stream(ints).asLongStream().toArray(), 3, 4);
    assertEquals(false, IntPacking.provablyAscending(i, 3, 4), "wraps within 32 bits");
    long[] ticks = new long[100_000];
    for (int k = 0; k < ticks.length; k++) {
      ticks[k] = 1_767_657_600_000_000L + k * 1_000L + (k * 7919L) % 199_000L / 1000 * 1000 + k * 200_000L;
    }
    assertEquals(true, IntPacking.provablyAscending(IntPacking.encode(ticks, ticks.length, 8), ticks.length, 8),
        "ascending microsecond timestamps");
  }
}
