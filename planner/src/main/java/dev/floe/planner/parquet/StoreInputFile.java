package dev.floe.planner.parquet;

import dev.floe.storage.io.ObjectStore;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * An object of the store as a Parquet {@link InputFile}: reads are ranged GETs of at least {@link
 * #CHUNK} bytes (a footer, then each column chunk the scan needs), so a scan of a few columns
 * fetches only those columns' bytes.
 */
final class StoreInputFile implements InputFile {
  /** Smallest ranged read: fewer round trips for small pages, bounded memory per open file. */
  static final int CHUNK = 1 << 20;

  private final ObjectStore store;
  private final String key;
  private final long size;

  StoreInputFile(ObjectStore store, String key, long size) {
    this.store = store;
    this.key = key;
    this.size = size;
  }

  @Override
  public long getLength() {
    return size;
  }

  @Override
  public SeekableInputStream newStream() {
    return new Stream();
  }

  /** A position in the object and the last range read around it. */
  private final class Stream extends SeekableInputStream {
    private long pos;
    private byte[] buffer = new byte[0];
    private long bufferStart;

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) throws IOException {
      if (newPos < 0 || newPos > size) {
        throw new EOFException("seek to " + newPos + " outside object '" + key + "' of " + size + " bytes");
      }
      pos = newPos;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (pos >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - pos);
      copy(b, off, n);
      return n;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
      readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
      if (pos + len > size) {
        throw new EOFException("object '" + key + "' ends at " + size + ", before " + (pos + len));
      }
      copy(b, off, len);
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
      int n = (int) Math.min(buf.remaining(), size - pos);
      if (n <= 0) {
        return buf.remaining() == 0 ? 0 : -1;
      }
      byte[] b = new byte[n];
      copy(b, 0, n);
      buf.put(b);
      return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      byte[] b = new byte[buf.remaining()];
      readFully(b, 0, b.length);
      buf.put(b);
    }

    /** Copies {@code n} bytes at {@link #pos} (inside the object) and advances. */
    private void copy(byte[] b, int off, int n) {
      if (pos < bufferStart || pos + n > bufferStart + buffer.length) {
        int want = (int) Math.min(Math.max(n, CHUNK), size - pos);
        buffer = store.get(key, pos, want);
        bufferStart = pos;
      }
      System.arraycopy(buffer, (int) (pos - bufferStart), b, off, n);
      pos += n;
    }
  }
}
