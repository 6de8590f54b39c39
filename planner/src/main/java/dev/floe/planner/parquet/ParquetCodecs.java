package dev.floe.planner.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The page codecs Floe reads and writes, without Hadoop's codec classes (parquet-java's own
 * factory loads {@code org.apache.hadoop.io.compress}): UNCOMPRESSED, SNAPPY (snappy-java), ZSTD
 * (zstd-jni) and GZIP (the JDK). Any other codec fails with an {@link UnsupportedOperationException}
 * naming it. Stateless: one instance serves every reader and writer.
 */
final class ParquetCodecs implements CompressionCodecFactory {
  static final ParquetCodecs INSTANCE = new ParquetCodecs();

  /** zstd level for writing: zstd's default, as DuckDB's. */
  private static final int ZSTD_LEVEL = 3;

  private ParquetCodecs() {}

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    check(codec);
    return new BytesInputCompressor() {
      @Override
      public BytesInput compress(BytesInput bytes) throws IOException {
        return BytesInput.from(ParquetCodecs.compress(codec, bytes.toByteArray()));
      }

      @Override
      public CompressionCodecName getCodecName() {
        return codec;
      }

      @Override
      public void release() {}
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    check(codec);
    return new BytesInputDecompressor() {
      @Override
      public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
        return BytesInput.from(ParquetCodecs.decompress(codec, bytes.toByteArray(), uncompressedSize));
      }

      @Override
      public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
          throws IOException {
        byte[] in = new byte[compressedSize];
        input.get(in);
        output.put(ParquetCodecs.decompress(codec, in, uncompressedSize));
      }

      @Override
      public void release() {}
    };
  }

  @Override
  public void release() {}

  private static void check(CompressionCodecName codec) {
    switch (codec) {
      case UNCOMPRESSED, SNAPPY, ZSTD, GZIP -> { }
      default -> throw new UnsupportedOperationException("Parquet compression " + codec + " is not supported;"
          + " Floe reads and writes UNCOMPRESSED, SNAPPY, ZSTD and GZIP (rewrite the file with one of them)");
    }
  }

  static byte[] compress(CompressionCodecName codec, byte[] in) throws IOException {
    switch (codec) {
      case SNAPPY:
        return Snappy.compress(in);
      case ZSTD:
        return Zstd.compress(in, ZSTD_LEVEL);
      case GZIP: {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 16);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(in);
        }
        return out.toByteArray();
      }
      default:
        return in;
    }
  }

  static byte[] decompress(CompressionCodecName codec, byte[] in, int size) throws IOException {
    switch (codec) {
      case SNAPPY: {
        byte[] out = new byte[size];
        int n = Snappy.uncompress(in, 0, in.length, out, 0);
        return checked(n, size, codec, out);
      }
      case ZSTD: {
        byte[] out = new byte[size];
        long n = Zstd.decompress(out, in);
        if (Zstd.isError(n)) {
          throw new IOException("a ZSTD page does not decompress: " + Zstd.getErrorName(n));
        }
        return checked((int) n, size, codec, out);
      }
      case GZIP: {
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
          byte[] out = gz.readNBytes(size);
          return checked(out.length, size, codec, out);
        }
      }
      default:
        return in;
    }
  }

  private static byte[] checked(int n, int size, CompressionCodecName codec, byte[] out) throws IOException {
    if (n != size) {
      throw new IOException("a " + codec + " page decompressed to " + n + " bytes where its header says " + size);
    }
    return out;
  }
}
