package dev.floe.storage.segment;

/**
 * How a column chunk lays out its buffers (see {@code docs/format.md} §3 for the buffers of each).
 * The code is what the footer stores.
 */
public enum Encoding {
  /** Validity, then the values (fixed width) or offsets and bytes (variable width). */
  PLAIN(0),
  /** Validity, per-row codes, then a sorted dictionary's offsets and bytes (VARCHAR, VARBINARY). */
  DICTIONARY(1),
  /**
   * DOUBLE values that are all exact decimals with at most 4 fraction digits (prices): validity,
   * then an exponent byte {@code e} and an integer stream of {@code value x 10^e}.
   */
  SCALED(2);

  private final int code;

  Encoding(int code) {
    this.code = code;
  }

  /** The byte the footer stores. */
  public int code() {
    return code;
  }

  static Encoding ofCode(int code) {
    for (Encoding e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown encoding code " + code);
  }
}
