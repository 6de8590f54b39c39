package dev.floe.storage.table;

import dev.floe.storage.ColumnType;
import dev.floe.storage.segment.ColumnChunk;
import dev.floe.storage.segment.ColumnStats;
import dev.floe.storage.segment.Encoding;
import dev.floe.storage.segment.SegmentFooter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stats of a whole manifest, as a footer with no buffers whose column stats bound every segment of
 * the manifest: a reader evaluates the same {@code mayMatch} on it as on a segment's footer and
 * skips the manifest without fetching it. Bounds are conservative: never exact, unknown (null) if
 * any segment's bound is unknown; a column a segment lacks counts as NULL in it.
 */
final class ManifestStats {
  private ManifestStats() {}

  /** The summary, or null if some entry's footer is not a segment footer (or there is no entry). */
  static byte[] summarizeOrNull(List<SegmentEntry> entries) {
    if (entries.isEmpty()) {
      return null;
    }
    try {
      return summarize(entries);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static byte[] summarize(List<SegmentEntry> entries) {
    long rows = 0;
    Map<Integer, ColumnType> types = new LinkedHashMap<>();
    List<SegmentFooter> footers = new ArrayList<>();
    for (SegmentEntry e : entries) {
      SegmentFooter f = SegmentFooter.fromBytes(e.footerUnsafe(), e.key());
      footers.add(f);
      rows += f.rowCount();
      for (ColumnChunk c : f.chunks()) {
        types.putIfAbsent(c.columnId(), c.type());
      }
    }
    List<ColumnChunk> chunks = new ArrayList<>();
    for (Map.Entry<Integer, ColumnType> col : types.entrySet()) {
      long nulls = 0;
      Object min = null;
      Object max = null;
      boolean minKnown = true;
      boolean maxKnown = true;
      for (SegmentFooter f : footers) {
        ColumnStats s = f.stats(col.getKey());
        nulls += s.nullCount();
        if (s.nullCount() >= f.rowCount()) {
          continue; // all NULL here: no bound to merge
        }
        if (s.min() == null) {
          minKnown = false;
        } else if (min == null || compare(s.min(), min) < 0) {
          min = s.min();
        }
        if (s.max() == null) {
          maxKnown = false;
        } else if (max == null || compare(s.max(), max) > 0) {
          max = s.max();
        }
      }
      ColumnStats merged = new ColumnStats(nulls, -1, minKnown ? min : null, maxKnown ? max : null, false, false);
      chunks.add(new ColumnChunk(col.getKey(), col.getValue(), Encoding.PLAIN, List.of(), merged));
    }
    return new SegmentFooter(1, rows, chunks).toBytes();
  }

  /** Order of stats values in the physical domain (see {@link ColumnStats}). */
  static int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Double x && b instanceof Double y) {
      double dx = x == 0.0 ? 0.0 : x;
      double dy = y == 0.0 ? 0.0 : y;
      return Double.compare(dx, dy);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    if (a instanceof String x && b instanceof String y) {
      return Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    throw new IllegalArgumentException("incomparable stats " + a + " and " + b);
  }
}
