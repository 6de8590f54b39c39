package dev.floe.planner.parquet;

import dev.floe.planner.csv.CsvException;
import dev.floe.planner.csv.FileAccess;
import dev.floe.storage.table.FloeStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types.MessageTypeBuilder;

/**
 * Writes a query's result as one Parquet file ({@code COPY ... TO 'f.parquet'}): a local file,
 * written beside its target and renamed over it when complete, so a failed or cancelled COPY
 * leaves no partial file; or an object under the connection's store root, put whole (refused on a
 * read-only connection by the store handle itself). Types: BOOLEAN, TINYINT/SMALLINT/INTEGER as
 * INT32 (with their INT annotation), BIGINT as INT64, REAL as FLOAT, DOUBLE, DECIMAL as INT64 (up
 * to 18 digits) or a 16-byte fixed array, VARCHAR as STRING, VARBINARY as BINARY, DATE, TIME
 * (millis), TIMESTAMP as TIMESTAMP(MICROS) local, TIMESTAMP WITH LOCAL TIME ZONE as
 * TIMESTAMP(MICROS) adjusted to UTC. Other result types are refused (0A000) naming the column.
 */
public final class ParquetExport {
  /** Rows per row group are bounded by bytes: 64 MiB, less than DuckDB's 122,880-row default only for wide rows. */
  private static final long ROW_GROUP_BYTES = 64L << 20;

  private ParquetExport() {}

  /** The codecs COPY accepts by name. */
  public static CompressionCodecName codec(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "snappy":
        return CompressionCodecName.SNAPPY;
      case "zstd":
        return CompressionCodecName.ZSTD;
      case "gzip":
        return CompressionCodecName.GZIP;
      case "uncompressed":
      case "none":
        return CompressionCodecName.UNCOMPRESSED;
      default:
        throw new CsvException(CsvException.Kind.BAD_ARGUMENT, "COPY TO cannot compress with '" + name
            + "'; give COMPRESSION snappy (the default), zstd, gzip or uncompressed");
    }
  }

  /**
   * Writes every row of {@code rs} to {@code target} (a local path, or a URL under the store's root)
   * with {@code codec}; calls {@code everyRows} every few thousand rows (a cancel check). Returns
   * the number of rows written.
   */
  public static long write(ResultSet rs, String target, FileAccess access, FloeStore store, CompressionCodecName codec,
      Runnable everyRows) throws SQLException, IOException {
    List<Column> columns = columns(rs.getMetaData());
    MessageType schema = schema(columns);
    if (ParquetFiles.stored(target)) {
      String root = ParquetFiles.root(store);
      if (!target.startsWith(root) || target.length() == root.length()) {
        throw new CsvException(CsvException.Kind.ACCESS_DENIED, "COPY TO may not write '" + target + "': it writes"
            + " objects only under the connection's own store, " + root + "; name a key under it, or a local path");
      }
      Memory out = new Memory();
      long rows = write(rs, columns, schema, out, codec, everyRows);
      store.files().put(target.substring(root.length()), out.bytes.toByteArray());
      return rows;
    }
    Path real = access.checkWrite("COPY TO", target);
    if (Files.isDirectory(real)) {
      throw new CsvException(CsvException.Kind.BAD_ARGUMENT, "COPY TO cannot write '" + target + "': it is a"
          + " folder; name a file, such as " + target + "/part-0.parquet");
    }
    if (real.getParent() == null || !Files.isDirectory(real.getParent())) {
      throw new CsvException(CsvException.Kind.FILE_NOT_FOUND, "COPY TO cannot write '" + target + "': its folder"
          + " does not exist; create the folder first");
    }
    Path temp = real.resolveSibling("." + real.getFileName() + ".floe-" + UUID.randomUUID() + ".tmp");
    try {
      long rows = write(rs, columns, schema, new LocalOutputFile(temp), codec, everyRows);
      Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return rows;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static long write(ResultSet rs, List<Column> columns, MessageType schema, OutputFile file,
      CompressionCodecName codec, Runnable everyRows) throws SQLException, IOException {
    long rows = 0;
    try (ParquetWriter<ResultSet> w = new Builder(file, schema, columns)
        .withConf(new PlainParquetConfiguration())
        .withCodecFactory(ParquetCodecs.INSTANCE)
        .withCompressionCodec(codec)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build()) {
      while (rs.next()) {
        w.write(rs);
        if (++rows % 4096 == 0) {
          everyRows.run();
        }
      }
    } catch (Failed e) {
      throw e.cause;
    }
    return rows;
  }

  /** A result column: its name, JDBC type and (for DECIMAL) precision and scale. */
  private record Column(String name, int jdbcType, int precision, int scale, boolean nullable) {}

  private static List<Column> columns(ResultSetMetaData md) throws SQLException {
    List<Column> out = new ArrayList<>();
    HashMap<String, Integer> seen = new HashMap<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      String name = md.getColumnLabel(i);
      int n = seen.merge(name, 1, Integer::sum);
      out.add(new Column(n == 1 ? name : name + "_" + n, md.getColumnType(i), md.getPrecision(i), md.getScale(i),
          md.isNullable(i) != ResultSetMetaData.columnNoNulls));
      if (!supported(md.getColumnType(i))) {
        throw new UnsupportedOperationException("COPY TO cannot write column '" + name + "' of type "
            + md.getColumnTypeName(i) + " to Parquet; CAST it to a supported type (numbers, DECIMAL, VARCHAR,"
            + " VARBINARY, BOOLEAN, DATE, TIME, TIMESTAMP)");
      }
    }
    return out;
  }

  private static boolean supported(int t) {
    switch (t) {
      case Types.BOOLEAN, Types.BIT, Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL,
          Types.FLOAT, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC, Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR,
          Types.BINARY, Types.VARBINARY, Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE:
        return true;
      default:
        return false;
    }
  }

  private static MessageType schema(List<Column> columns) {
    MessageTypeBuilder b = org.apache.parquet.schema.Types.buildMessage();
    for (Column c : columns) {
      Type.Repetition rep = c.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      switch (c.jdbcType()) {
        case Types.BOOLEAN, Types.BIT -> b.primitive(PrimitiveTypeName.BOOLEAN, rep).named(c.name());
        case Types.TINYINT -> b.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.intType(8, true)).named(c.name());
        case Types.SMALLINT -> b.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.intType(16, true)).named(c.name());
        case Types.INTEGER -> b.primitive(PrimitiveTypeName.INT32, rep).named(c.name());
        case Types.BIGINT -> b.primitive(PrimitiveTypeName.INT64, rep).named(c.name());
        case Types.REAL -> b.primitive(PrimitiveTypeName.FLOAT, rep).named(c.name());
        case Types.FLOAT, Types.DOUBLE -> b.primitive(PrimitiveTypeName.DOUBLE, rep).named(c.name());
        case Types.DECIMAL, Types.NUMERIC -> {
          int p = Math.max(1, Math.min(38, c.precision()));
          int s = Math.max(0, Math.min(p, c.scale()));
          if (p <= 18) {
            b.primitive(PrimitiveTypeName.INT64, rep).as(LogicalTypeAnnotation.decimalType(s, p)).named(c.name());
          } else {
            b.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep).length(16)
                .as(LogicalTypeAnnotation.decimalType(s, p)).named(c.name());
          }
        }
        case Types.BINARY, Types.VARBINARY -> b.primitive(PrimitiveTypeName.BINARY, rep).named(c.name());
        case Types.DATE -> b.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(c.name());
        case Types.TIME -> b.primitive(PrimitiveTypeName.INT32, rep)
            .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MILLIS)).named(c.name());
        case Types.TIMESTAMP -> b.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
        case Types.TIMESTAMP_WITH_TIMEZONE -> b.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
        default -> b.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(c.name());
      }
    }
    return b.named("floe");
  }

  /** A failure of reading the result while parquet-java calls {@link Rows#write}. */
  private static final class Failed extends RuntimeException {
    private final SQLException cause;

    Failed(SQLException cause) {
      super(cause);
      this.cause = cause;
    }
  }

  /** The current row of a result set as one Parquet record. */
  private static final class Rows extends WriteSupport<ResultSet> {
    private final MessageType schema;
    private final List<Column> columns;
    private RecordConsumer out;

    Rows(MessageType schema, List<Column> columns) {
      this.schema = schema;
      this.columns = columns;
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(ResultSet rs) {
      try {
        out.startMessage();
        for (int i = 0; i < columns.size(); i++) {
          value(rs, i, columns.get(i));
        }
        out.endMessage();
      } catch (SQLException e) {
        throw new Failed(e);
      }
    }

    private void value(ResultSet rs, int i, Column c) throws SQLException {
      int k = i + 1;
      Runnable write;
      switch (c.jdbcType()) {
        case Types.BOOLEAN, Types.BIT -> {
          boolean v = rs.getBoolean(k);
          write = () -> out.addBoolean(v);
        }
        case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> {
          int v = rs.getInt(k);
          write = () -> out.addInteger(v);
        }
        case Types.BIGINT -> {
          long v = rs.getLong(k);
          write = () -> out.addLong(v);
        }
        case Types.REAL -> {
          float v = rs.getFloat(k);
          write = () -> out.addFloat(v);
        }
        case Types.FLOAT, Types.DOUBLE -> {
          double v = rs.getDouble(k);
          write = () -> out.addDouble(v);
        }
        case Types.DECIMAL, Types.NUMERIC -> {
          BigDecimal d = rs.getBigDecimal(k);
          if (d == null) {
            return;
          }
          int s = Math.max(0, Math.min(Math.max(1, Math.min(38, c.precision())), c.scale()));
          BigInteger unscaled = d.setScale(s, java.math.RoundingMode.HALF_UP).unscaledValue();
          write = c.precision() <= 18 ? () -> out.addLong(unscaled.longValueExact())
              : () -> out.addBinary(Binary.fromConstantByteArray(sixteen(unscaled)));
        }
        case Types.BINARY, Types.VARBINARY -> {
          byte[] v = rs.getBytes(k);
          write = v == null ? null : () -> out.addBinary(Binary.fromConstantByteArray(v));
        }
        case Types.DATE -> {
          java.sql.Date d = rs.getDate(k);
          write = d == null ? null : () -> out.addInteger((int) d.toLocalDate().toEpochDay());
        }
        case Types.TIME -> {
          java.sql.Time t = rs.getTime(k);
          write = t == null ? null : () -> out.addInteger((int) (t.toLocalTime().toNanoOfDay() / 1_000_000L));
        }
        case Types.TIMESTAMP -> {
          java.sql.Timestamp t = rs.getTimestamp(k);
          write = t == null ? null : () -> out.addLong(micros(t.toLocalDateTime()));
        }
        case Types.TIMESTAMP_WITH_TIMEZONE -> {
          java.sql.Timestamp t = rs.getTimestamp(k);
          write = t == null ? null : () -> out.addLong(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, t.toInstant()));
        }
        default -> {
          String v = rs.getString(k);
          write = v == null ? null : () -> out.addBinary(Binary.fromString(v));
        }
      }
      if (write == null || rs.wasNull()) {
        return;
      }
      out.startField(c.name(), i);
      write.run();
      out.endField(c.name(), i);
    }

    private static long micros(LocalDateTime t) {
      return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }

    /** Big-endian two's complement in 16 bytes, sign-extended. */
    private static byte[] sixteen(BigInteger v) {
      byte[] b = v.toByteArray();
      byte[] out = new byte[16];
      byte fill = (byte) (v.signum() < 0 ? 0xff : 0);
      java.util.Arrays.fill(out, 0, 16 - b.length, fill);
      System.arraycopy(b, 0, out, 16 - b.length, b.length);
      return out;
    }
  }

  /** The writer's builder over {@link Rows}. */
  private static final class Builder extends ParquetWriter.Builder<ResultSet, Builder> {
    private final MessageType schema;
    private final List<Column> columns;

    Builder(OutputFile file, MessageType schema, List<Column> columns) {
      super(file);
      this.schema = schema;
      this.columns = columns;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<ResultSet> getWriteSupport(ParquetConfiguration conf) {
      return new Rows(schema, columns);
    }

    @Override
    protected WriteSupport<ResultSet> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return new Rows(schema, columns);
    }
  }

  /** An output file in memory, for an object put whole. */
  private static final class Memory implements OutputFile {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      bytes.reset();
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return bytes.size();
        }

        @Override
        public void write(int b) {
          bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes.write(b, off, len);
        }
      };
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
