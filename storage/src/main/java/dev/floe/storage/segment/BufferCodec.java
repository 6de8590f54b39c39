package dev.floe.storage.segment;

import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Stores a buffer as one LZ4 block (or raw, when LZ4 does not make it smaller) with a CRC32C of the
 * stored bytes, and checks and expands it again. Thread-safe.
 */
final class BufferCodec {
  private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
  private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

  private BufferCodec() {}

  /** Appends the stored form of {@code raw[0, len)} to {@code out} and describes it. */
  static BufferRef append(FooterCodec.Out out, byte[] raw, int len) {
    Packed p = pack(raw, len);
    long offset = out.size();
    out.write(p.stored(), 0, p.storedLength());
    return p.at(offset);
  }

  /**
   * A buffer's stored form, not yet placed: {@code stored[0, storedLength)} are the bytes to write
   * (the LZ4 block, or the raw bytes when LZ4 does not make them smaller).
   */
  record Packed(byte[] stored, int storedLength, int rawLength, boolean compressed, int crc32c) {
    /** Its description once written at {@code offset}. */
    BufferRef at(long offset) {
      return rawLength == 0 ? new BufferRef(offset, 0, 0, false, 0)
          : new BufferRef(offset, storedLength, rawLength, compressed, crc32c);
    }
  }

  private static final byte[] EMPTY = new byte[0];

  /** The stored form of {@code raw[0, len)} (compressed and checksummed; thread-safe). */
  static Packed pack(byte[] raw, int len) {
    if (len == 0) {
      return new Packed(EMPTY, 0, 0, false, 0);
    }
    byte[] packed = new byte[COMPRESSOR.maxCompressedLength(len)];
    int clen = COMPRESSOR.compress(raw, 0, len, packed, 0, packed.length);
    boolean compressed = clen < len;
    byte[] stored = compressed ? packed : raw;
    int slen = compressed ? clen : len;
    CRC32C crc = new CRC32C();
    crc.update(stored, 0, slen);
    return new Packed(stored, slen, len, compressed, (int) crc.getValue());
  }

  /**
   * Checks the CRC of the stored bytes at {@code src[pos, pos + storedLength)} and returns the raw
   * bytes.
   *
   * @throws dev.floe.storage.io.StoreException CORRUPT naming {@code key} and {@code column} on a
   *     CRC mismatch or a block that does not expand to its raw length
   */
  static byte[] expand(byte[] src, int pos, BufferRef ref, String key, String column) {
    verify(src, pos, ref, key, column);
    byte[] raw = new byte[ref.rawLength()];
    if (!ref.compressed()) {
      System.arraycopy(src, pos, raw, 0, raw.length);
      return raw;
    }
    try {
      int n = DECOMPRESSOR.decompress(src, pos, ref.storedLength(), raw, 0, raw.length);
      if (n != raw.length) {
        throw SegmentFormat.corrupt(key, column, "a buffer at offset " + ref.offset()
            + " expands to " + n + " bytes, not " + raw.length);
      }
    } catch (LZ4Exception e) {
      throw SegmentFormat.corrupt(key, column, "a buffer at offset " + ref.offset()
          + " is not a valid LZ4 block", e);
    }
    return raw;
  }

  /** Checks the CRC of the stored bytes at {@code src[pos, pos + storedLength)}. */
  static void verify(byte[] src, int pos, BufferRef ref, String key, String column) {
    CRC32C crc = new CRC32C();
    crc.update(src, pos, ref.storedLength());
    if ((int) crc.getValue() != ref.crc32c()) {
      throw SegmentFormat.corrupt(key, column, "a buffer at offset " + ref.offset()
          + " fails its CRC32C check");
    }
  }
}
