package dev.floe.storage.segment;

/**
 * Where one buffer of a column chunk lies in the segment object, and how to check and expand it.
 *
 * @param offset byte offset of the stored bytes from the start of the object
 * @param storedLength bytes stored (compressed or raw)
 * @param rawLength bytes after decompression
 * @param compressed whether the stored bytes are one LZ4 block (else they are the raw bytes)
 * @param crc32c CRC32C of the stored bytes, as an unsigned 32-bit value in an int
 */
public record BufferRef(long offset, int storedLength, int rawLength, boolean compressed, int crc32c) {
  public BufferRef {
    if (offset < 0 || storedLength < 0 || rawLength < 0) {
      throw new IllegalArgumentException("negative buffer offset or length");
    }
    if (!compressed && storedLength != rawLength) {
      throw new IllegalArgumentException("an uncompressed buffer stores its raw length");
    }
  }
}
