package dev.floe.storage.table;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The batch worker {@code w} appends as its {@code i}th: {@code 1 + i % 3} real rows with ids
 * {@code w * 1_000_000 + i * 10 + k}, so the final table says exactly which batches landed.
 */
final class Writes {
  private Writes() {}

  static CommitResult appendBatch(Table t, BufferAllocator a, int worker, int i) {
    long first = worker * 1_000_000L + i * 10L;
    try (VectorSchemaRoot b = Rows.batch(a, first, first + rows(i))) {
      return t.append(b);
    }
  }

  static long rows(int i) {
    return 1 + (i % 3);
  }

  /** Every id workers {@code 0..workers-1} append with {@code per} batches each, sorted. */
  static List<Long> expectedIds(int workers, int per) {
    List<Long> out = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      for (int i = 0; i < per; i++) {
        for (int k = 0; k < rows(i); k++) {
          out.add(w * 1_000_000L + i * 10L + k);
        }
      }
    }
    out.sort(null);
    return out;
  }
}
