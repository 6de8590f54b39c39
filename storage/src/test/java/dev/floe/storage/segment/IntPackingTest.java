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
      if (nativeWidth == 4) {
        int[] ints = IntPacking.decodeInts(s, n);
        for (int i = 0; i < n; i++) {
          assertEquals((int) v[i], ints[i]);
        }
      }
    }
    for (String combo : new String[] {"0/8/8", "1/0/8", "1/1/8", "1/2/8", "1/4/8", "2/0/8", "2/1/8", "2/2/8", "2/4/8", "0/4/4", "1/2/4", "2/1/4"}) {
      assertEquals(true, seen.contains(combo), "packing/width/native " + combo + " not exercised: " + seen);
    }
  }
}
