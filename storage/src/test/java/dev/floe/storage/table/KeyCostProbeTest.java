package dev.floe.storage.table;

import dev.floe.storage.Schema;
import dev.floe.storage.segment.ChunkCache;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What enforcing a primary key costs a single-row append (RFC 0006, "Cost"): prints the time per
 * append and the chunk-cache lookups of the key check, with and without a key, for keys that grow
 * (stats prune every committed segment) and for keys every segment's range covers (they prune
 * none). Measures, asserts nothing; run with {@code -Dfloe.keys.probe=true}.
 */
@EnabledIfSystemProperty(named = "floe.keys.probe", matches = "true")
class KeyCostProbeTest {
  @Test
  void probeInterleaved() {
    for (boolean keyed : new boolean[] {false, true, false, true}) {
      try (Backend b = Backend.memory(); FloeStore f = b.floe()) {
        Table t = f.create("t", keyed ? new Schema(Rows.SCHEMA.columns(), List.of("id")) : Rows.SCHEMA);
        for (int s = 0; s < 50; s++) {
          try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 0, 10_000)) {
            org.apache.arrow.vector.BigIntVector id = (org.apache.arrow.vector.BigIntVector) batch.getVector(0);
            for (int k = 0; k < 10_000; k++) {
              id.set(k, 2L * (s + 50L * k)); // every segment spans the whole key range: min/max prune nothing
            }
            t.append(batch);
          }
        }
        ChunkCache.Stats before = ChunkCache.shared().stats();
        long start = System.nanoTime();
        int n = 100;
        for (int i = 0; i < n; i++) {
          try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 0, 1)) {
            ((org.apache.arrow.vector.BigIntVector) batch.getVector(0)).set(0, 2L * (7919L * i) + 1);
            t.append(batch);
          }
        }
        ChunkCache.Stats after = ChunkCache.shared().stats();
        System.out.println("PROBE interleaved keyed=" + keyed + " 500k rows in 50 segments spanning the key range, "
            + n + " single-row appends: " + (System.nanoTime() - start) / 1000 / n + " us each, chunk lookups "
            + (after.hits() + after.misses() - before.hits() - before.misses()) + ", misses "
            + (after.misses() - before.misses()));
      }
    }
  }

  @Test
  void probe() {
    for (boolean keyed : new boolean[] {false, true, false, true}) {
      try (Backend b = Backend.memory(); FloeStore f = b.floe()) {
        Table t = f.create("t", keyed ? new Schema(Rows.SCHEMA.columns(), List.of("id")) : Rows.SCHEMA);
        for (int s = 0; s < 50; s++) {
          try (VectorSchemaRoot batch = Rows.batch(f.allocator(), s * 10_000L, s * 10_000L + 10_000)) {
            t.append(batch);
          }
        }
        ChunkCache.Stats before = ChunkCache.shared().stats();
        long start = System.nanoTime();
        int n = 300;
        for (int i = 0; i < n; i++) {
          try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 1_000_000L + i, 1_000_000L + i + 1)) {
            t.append(batch);
          }
        }
        long us = (System.nanoTime() - start) / 1000 / n;
        ChunkCache.Stats after = ChunkCache.shared().stats();
        System.out.println("PROBE keyed=" + keyed + " 500k rows in 50 segments, " + n + " single-row appends: " + us
            + " us each, chunk lookups " + (after.hits() + after.misses() - before.hits() - before.misses()));
      }
    }
  }
}
