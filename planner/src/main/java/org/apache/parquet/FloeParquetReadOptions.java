package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Floe's way to {@link ParquetReadOptions} without Hadoop on the class path. In parquet-java
 * 1.18.2 every public builder of read options creates Hadoop's codec factory or configuration
 * eagerly ({@code ParquetReadOptions.Builder}'s constructor calls {@code HadoopCodecs.newFactory});
 * the package-private constructor takes everything explicitly, so this class lives in parquet's
 * package to call it. Pinned to parquet 1.18.2: a round-trip test fails if the constructor changes.
 */
public final class FloeParquetReadOptions {
  private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

  private FloeParquetReadOptions() {}

  /**
   * Options that decode with {@code codecs}, skip row groups whose footer statistics (min/max, null
   * count) or dictionary prove that {@code filter} matches no row in them, and filter no record
   * (Floe evaluates the whole condition itself).
   */
  public static ParquetReadOptions of(CompressionCodecFactory codecs, FilterCompat.Filter filter) {
    return new ParquetReadOptions(
        false, // useSignedStringMinMax
        true, // useStatsFilter
        true, // useDictionaryFilter
        false, // useRecordFilter
        false, // useColumnIndexFilter: page skipping would need record filtering to line up rows
        false, // usePageChecksumVerification
        false, // useBloomFilter
        false, // useOffHeapDecryptBuffer
        false, // useHadoopVectoredIo
        filter,
        ParquetMetadataConverter.NO_FILTER,
        codecs,
        new HeapByteBufferAllocator(),
        MAX_ALLOCATION,
        Map.of(),
        null,
        null,
        new PlainParquetConfiguration());
  }
}
