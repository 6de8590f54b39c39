package dev.floe.planner.exec;

import dev.floe.storage.ColumnType;
import dev.floe.storage.segment.ColumnChunk;
import dev.floe.storage.segment.ColumnStats;
import dev.floe.storage.segment.SegmentBatch;
import dev.floe.storage.segment.SegmentFooter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.vector.FieldVector;

/**
 * Computes {@code GROUP BY} aggregates over a scan's Arrow batches without materializing rows:
 * each batch's group keys are interned to dense group ids ({@link KeyColumn}, {@link LongIntMap}),
 * then every {@link Accumulator} runs one loop over the batch. Only one batch is held at a time,
 * plus one state slot per group. Groups come out in order of first appearance; with no group key
 * there is exactly one row, also for no input rows (COUNT 0, SUM NULL).
 */
public final class BatchAggregator {
  private final int[] positions;
  private final int[] groupBy;
  private final List<AggCall> calls;
  private KeyColumn[] keys;
  private LongIntMap[] levels;
  private Accumulator[] accumulators;
  private final List<int[]> groupKeyIds = new ArrayList<>();
  private int[] groups = new int[0];
  private int[][] keyIds;
  private final BatchArgs args = new BatchArgs();

  /**
   * @param positions for each scan output column, its vector's index in a batch, or -1 when the
   *     column is NULL in every row (a historical version without it)
   * @param groupBy the scan output columns to group by, in output order
   * @param calls the aggregates, after the keys in each output row
   */
  public BatchAggregator(int[] positions, int[] groupBy, List<AggCall> calls) {
    this.positions = positions.clone();
    this.groupBy = groupBy.clone();
    this.calls = List.copyOf(calls);
  }

  /**
   * Consumes and closes every batch of {@code batches}, then closes {@code source} (also on
   * failure), and returns the result rows: group keys, then the aggregates.
   */
  public List<Object[]> run(Iterator<SegmentBatch> batches, AutoCloseable source) {
    return run(batches, source, null);
  }

  /** As above, checking {@code cancel} (the statement's flag, may be null) before each batch ({@link StatementCancel}). */
  public List<Object[]> run(Iterator<SegmentBatch> batches, AutoCloseable source, AtomicBoolean cancel) {
    try (AutoCloseable s = source) {
      if (groupBy.length == 0) {
        groupKeyIds.add(new int[0]);
      }
      while (batches.hasNext()) {
        StatementCancel.check(cancel);
        try (SegmentBatch b = batches.next()) {
          add(b);
        }
      }
      if (accumulators == null) {
        init(null);
      }
      return rows();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("closing a Floe scan failed: " + e.getMessage(), e);
    }
  }

  /**
   * Takes a whole segment's contribution from its footer's stats instead of its rows, when there is
   * no GROUP BY and every call is COUNT, or MIN or MAX of an integer, DATE, TIME or TIMESTAMP column
   * the segment holds, with an exact bound (or only NULLs). For {@code TableScan.answerFromStats},
   * which offers only segments whose every row the predicate selects. The result is the one reading
   * the rows would give: counts add, and bounds combine with the same comparisons as rows.
   *
   * @param columnIds the stored column id of each scan output column
   * @return whether the segment was taken; when not, nothing changed
   */
  public boolean addFromStats(SegmentFooter footer, int[] columnIds) {
    if (groupBy.length > 0 || calls.isEmpty()) {
      return false;
    }
    long rows = footer.rowCount();
    long[] values = new long[calls.size()];
    long[] bounds = new long[calls.size()];
    boolean[] micros = new boolean[calls.size()];
    for (int i = 0; i < values.length; i++) {
      AggCall c = calls.get(i);
      if (c.kind() == AggCall.Kind.COUNT) {
        values[i] = c.arg() < 0 ? rows : rows - footer.stats(columnIds[c.arg()]).nullCount();
        continue;
      }
      if (c.kind() != AggCall.Kind.MIN && c.kind() != AggCall.Kind.MAX) {
        return false;
      }
      ColumnChunk chunk = footer.chunk(columnIds[c.arg()]).orElse(null);
      if (chunk == null || !integral(chunk.type())) {
        return false;
      }
      ColumnStats st = chunk.stats();
      values[i] = rows - st.nullCount();
      micros[i] = switch (chunk.type().kind()) {
        case TIME, TIMESTAMP, TIMESTAMP_LTZ -> true;
        default -> false;
      };
      boolean min = c.kind() == AggCall.Kind.MIN;
      Object bound = min ? st.min() : st.max();
      if (values[i] > 0 && !((min ? st.minExact() : st.maxExact()) && bound instanceof Long)) {
        return false;
      }
      bounds[i] = values[i] > 0 ? (Long) bound : 0;
    }
    if (accumulators == null) {
      keys = new KeyColumn[0];
      levels = new LongIntMap[0];
      keyIds = new int[0][];
      accumulators = new Accumulator[calls.size()];
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i] = Accumulator.ofStats(calls.get(i), micros[i]);
        accumulators[i].ensure(1);
      }
    }
    for (int i = 0; i < values.length; i++) {
      accumulators[i].absorb(values[i], bounds[i]);
    }
    return true;
  }

  /** Whether stats of the type are Longs the aggregates compare as integers. */
  private static boolean integral(ColumnType t) {
    return switch (t.kind()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ -> true;
      default -> false;
    };
  }

  private FieldVector vector(SegmentBatch b, int scanColumn) {
    int p = positions[scanColumn];
    return p < 0 || b == null ? null : b.vector(p);
  }

  private void init(SegmentBatch first) {
    keys = new KeyColumn[groupBy.length];
    for (int i = 0; i < keys.length; i++) {
      FieldVector v = vector(first, groupBy[i]);
      keys[i] = v == null ? KeyColumn.nullsOnly() : KeyColumn.of(v);
    }
    levels = new LongIntMap[Math.max(0, groupBy.length - 1)];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = new LongIntMap();
    }
    keyIds = new int[groupBy.length][];
    accumulators = new Accumulator[calls.size()];
    for (int i = 0; i < accumulators.length; i++) {
      AggCall c = calls.get(i);
      accumulators[i] = Accumulator.of(c, c.arg() < 0 ? null : vector(first, c.arg()));
      accumulators[i].ensure(1);
    }
  }

  private void add(SegmentBatch b) {
    if (accumulators == null) {
      init(b);
    }
    int n = b.selectedCount();
    int[] sel = b.selection();
    if (groups.length < n) {
      groups = new int[n];
      for (int i = 0; i < keyIds.length; i++) {
        keyIds[i] = new int[n];
      }
    }
    int groupCount = groupKeyIds.size();
    if (groupBy.length > 0) {
      for (int i = 0; i < groupBy.length; i++) {
        int p = positions[groupBy[i]];
        SegmentBatch.Dictionary codes = p < 0 ? null : b.dictionary(p);
        if (codes != null && keys[i].takesCodes()) {
          keys[i].ids(codes, sel, n, keyIds[i]); // the strings are never materialized
          continue;
        }
        FieldVector v = vector(b, groupBy[i]);
        if (v == null) {
          java.util.Arrays.fill(keyIds[i], 0, n, keys[i].nullId());
        } else {
          keys[i].ids(v, sel, n, keyIds[i]);
        }
      }
      int[] first = keyIds[0];
      for (int k = 0; k < n; k++) {
        int g = first[k];
        for (int i = 1; i < groupBy.length; i++) {
          g = levels[i - 1].intern(((long) g << 32) | keyIds[i][k]);
        }
        groups[k] = g;
        if (g >= groupCount) { // ids are dense: a new group
          int[] tuple = new int[groupBy.length];
          for (int i = 0; i < tuple.length; i++) {
            tuple[i] = keyIds[i][k];
          }
          while (groupKeyIds.size() < g) {
            groupKeyIds.add(null); // a key id not yet seen at this level (cannot happen with one key)
          }
          groupKeyIds.add(tuple);
          groupCount = groupKeyIds.size();
        }
      }
    } else {
      java.util.Arrays.fill(groups, 0, n, 0);
    }
    args.next(b, sel, n);
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i].ensure(groupCount);
      AggCall c = calls.get(i);
      accumulators[i].add(args, c.arg() < 0 ? -1 : positions[c.arg()], n, groups, groupBy.length == 0);
    }
  }

  private List<Object[]> rows() {
    List<Object[]> out = new ArrayList<>(groupKeyIds.size());
    for (int g = 0; g < groupKeyIds.size(); g++) {
      int[] tuple = groupKeyIds.get(g);
      if (tuple == null) {
        continue;
      }
      Object[] row = new Object[groupBy.length + calls.size()];
      for (int i = 0; i < tuple.length; i++) {
        row[i] = keys[i].value(tuple[i]);
      }
      for (int i = 0; i < accumulators.length; i++) {
        row[groupBy.length + i] = accumulators[i].result(g);
      }
      out.add(row);
    }
    return out;
  }
}
