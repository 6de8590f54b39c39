package dev.floe.storage.commit;

import java.time.Instant;

/**
 * Hybrid logical clock of a log: {@code hlc = max(store time, parent.hlc + 1)} in microseconds
 * since the epoch. The store time comes from the store's own clock, so it is monotone along a log
 * whatever any client's clock says; order itself is the log's version number, never a clock.
 */
public final class Hlc {
  private Hlc() {}

  /** The HLC of a record whose parent has {@code parentHlc} (use -1 for version 0). */
  public static long next(long parentHlc, Instant storeTime) {
    return Math.max(micros(storeTime), parentHlc + 1);
  }

  /** Microseconds since the epoch. */
  public static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** The instant of an HLC value (its physical part). */
  public static Instant instant(long hlc) {
    return Instant.ofEpochSecond(Math.floorDiv(hlc, 1_000_000L), Math.floorMod(hlc, 1_000_000L) * 1_000L);
  }
}
