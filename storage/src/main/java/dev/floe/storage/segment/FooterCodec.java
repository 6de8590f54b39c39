package dev.floe.storage.segment;

import dev.floe.storage.ColumnType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Binary form of {@link SegmentFooter} (docs/format.md §3.4). Little-endian throughout. */
final class FooterCodec {
  /** Type codes stored in the footer; index = code - 1. Never reorder. */
  private static final ColumnType.Kind[] KINDS = {
    ColumnType.Kind.BOOLEAN, ColumnType.Kind.TINYINT, ColumnType.Kind.SMALLINT,
    ColumnType.Kind.INTEGER, ColumnType.Kind.BIGINT, ColumnType.Kind.REAL, ColumnType.Kind.DOUBLE,
    ColumnType.Kind.DECIMAL, ColumnType.Kind.VARCHAR, ColumnType.Kind.VARBINARY,
    ColumnType.Kind.DATE, ColumnType.Kind.TIME, ColumnType.Kind.TIMESTAMP,
    ColumnType.Kind.TIMESTAMP_LTZ
  };

  private static final int HAS_MIN = 1;
  private static final int HAS_MAX = 2;
  private static final int MIN_EXACT = 4;
  private static final int MAX_EXACT = 8;

  private FooterCodec() {}

  static byte[] encode(SegmentFooter f) {
    Out out = new Out();
    out.u16(f.formatVersion());
    out.i64(f.rowCount());
    List<ColumnChunk> chunks = f.chunks();
    out.i32(chunks.size());
    for (ColumnChunk c : chunks) {
      out.i32(c.columnId());
      out.u8(typeCode(c.type().kind()));
      out.u8(c.type().precision());
      out.u8(c.type().scale());
      out.u8(c.encoding().code());
      out.u8(c.buffers().size());
      for (BufferRef b : c.buffers()) {
        out.i64(b.offset());
        out.i32(b.storedLength());
        out.i32(b.rawLength());
        out.u8(b.compressed() ? 1 : 0);
        out.i32(b.crc32c());
      }
      ColumnStats s = c.stats();
      out.i64(s.nullCount());
      out.i64(s.distinctCount());
      int flags = (s.min() != null ? HAS_MIN : 0) | (s.max() != null ? HAS_MAX : 0)
          | (s.minExact() ? MIN_EXACT : 0) | (s.maxExact() ? MAX_EXACT : 0);
      out.u8(flags);
      if (s.min() != null) {
        out.bytes16(statBytes(c.type(), s.min()));
      }
      if (s.max() != null) {
        out.bytes16(statBytes(c.type(), s.max()));
      }
    }
    CRC32C crc = new CRC32C();
    crc.update(out.buf(), 0, out.size());
    out.i32((int) crc.getValue());
    return out.toByteArray();
  }

  static SegmentFooter decode(byte[] bytes, String key) {
    if (bytes.length < 6) {
      throw SegmentFormat.corrupt(key, null, "the footer is " + bytes.length + " bytes, too short");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int version = Short.toUnsignedInt(in.getShort(0));
    if (version != SegmentFormat.VERSION) {
      throw SegmentFormat.corrupt(key, null, "unknown footer format version " + version
          + " (this reader knows version " + SegmentFormat.VERSION + ")");
    }
    if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
      throw SegmentFormat.corrupt(key, null, "the footer fails its CRC32C check");
    }
    try {
      in.position(2);
      long rows = in.getLong();
      int n = in.getInt();
      if (n < 0 || rows < 0) {
        throw new IllegalArgumentException("negative count");
      }
      List<ColumnChunk> chunks = new ArrayList<>(Math.min(n, 4096));
      for (int i = 0; i < n; i++) {
        int id = in.getInt();
        int kindCode = Byte.toUnsignedInt(in.get());
        int p = Byte.toUnsignedInt(in.get());
        int s = Byte.toUnsignedInt(in.get());
        if (kindCode < 1 || kindCode > KINDS.length) {
          throw new IllegalArgumentException("unknown type code " + kindCode + " of column id " + id);
        }
        ColumnType type = new ColumnType(KINDS[kindCode - 1], p, s);
        Encoding enc = Encoding.ofCode(Byte.toUnsignedInt(in.get()));
        int nb = Byte.toUnsignedInt(in.get());
        List<BufferRef> bufs = new ArrayList<>(nb);
        for (int b = 0; b < nb; b++) {
          long off = in.getLong();
          int stored = in.getInt();
          int raw = in.getInt();
          int codec = Byte.toUnsignedInt(in.get());
          if (codec > 1) {
            throw new IllegalArgumentException("unknown buffer codec " + codec);
          }
          bufs.add(new BufferRef(off, stored, raw, codec == 1, in.getInt()));
        }
        long nulls = in.getLong();
        long distinct = in.getLong();
        int flags = Byte.toUnsignedInt(in.get());
        Object min = (flags & HAS_MIN) != 0 ? statValue(type, in) : null;
        Object max = (flags & HAS_MAX) != 0 ? statValue(type, in) : null;
        chunks.add(new ColumnChunk(id, type, enc, bufs,
            new ColumnStats(nulls, distinct, min, max, (flags & MIN_EXACT) != 0, (flags & MAX_EXACT) != 0)));
      }
      if (in.position() != bytes.length - 4) {
        throw new IllegalArgumentException((bytes.length - 4 - in.position()) + " unexpected trailing bytes");
      }
      return new SegmentFooter(version, rows, chunks);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw SegmentFormat.corrupt(key, null, "the footer cannot be parsed: " + e.getMessage(), e);
    }
  }

  private static int typeCode(ColumnType.Kind kind) {
    for (int i = 0; i < KINDS.length; i++) {
      if (KINDS[i] == kind) {
        return i + 1;
      }
    }
    throw new IllegalStateException("no code for " + kind);
  }

  /** A stats value's bytes: i64 for integer-like, f64 bits for REAL/DOUBLE, 16-byte LE two's complement unscaled for DECIMAL, 1 byte for BOOLEAN, raw bytes for strings. */
  static byte[] statBytes(ColumnType type, Object v) {
    ByteBuffer b;
    switch (type.kind()) {
      case BOOLEAN:
        return new byte[] {(byte) (((Boolean) v) ? 1 : 0)};
      case REAL:
      case DOUBLE:
        b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(Double.doubleToRawLongBits((Double) v));
        return b.array();
      case DECIMAL:
        return Decimals.toLittleEndian16(((BigDecimal) v).unscaledValue());
      case VARCHAR:
        return ((String) v).getBytes(StandardCharsets.UTF_8);
      case VARBINARY:
        return ((byte[]) v).clone();
      default:
        b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong((Long) v);
        return b.array();
    }
  }

  private static Object statValue(ColumnType type, ByteBuffer in) {
    int len = Short.toUnsignedInt(in.getShort());
    byte[] v = new byte[len];
    in.get(v);
    ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
    switch (type.kind()) {
      case BOOLEAN:
        check(len == 1, type);
        return v[0] != 0;
      case REAL:
      case DOUBLE:
        check(len == 8, type);
        return Double.longBitsToDouble(b.getLong());
      case DECIMAL:
        check(len == 16, type);
        return new BigDecimal(Decimals.fromLittleEndian16(v, 0), type.scale());
      case VARCHAR:
        return new String(v, StandardCharsets.UTF_8);
      case VARBINARY:
        return v;
      default:
        check(len == 8, type);
        return b.getLong();
    }
  }

  private static void check(boolean ok, ColumnType type) {
    if (!ok) {
      throw new IllegalArgumentException("a " + type + " stats value has the wrong length");
    }
  }

  /** A growable little-endian byte sink. */
  static final class Out extends ByteArrayOutputStream {
    Out() {
      super(256);
    }

    byte[] buf() {
      return buf;
    }

    void u8(int v) {
      write(v);
    }

    void u16(int v) {
      write(v);
      write(v >>> 8);
    }

    void i32(int v) {
      write(v);
      write(v >>> 8);
      write(v >>> 16);
      write(v >>> 24);
    }

    void i64(long v) {
      i32((int) v);
      i32((int) (v >>> 32));
    }

    void bytes16(byte[] v) {
      if (v.length > 0xFFFF) {
        throw new IllegalArgumentException("stats value longer than 65535 bytes");
      }
      u16(v.length);
      write(v, 0, v.length);
    }
  }
}
