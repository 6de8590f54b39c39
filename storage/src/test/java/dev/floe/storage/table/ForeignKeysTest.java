package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.floe.storage.io.ObjectStore;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys Floe did not write where it lists (a clock probe an older client put under
 * {@code catalog/_folded/}, 20-digit names above a long's range) are ignored, never taken for data
 * and never an unchecked error: one stray object must not make a root unreadable.
 */
class ForeignKeysTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void pruneCatalogAsAClientsFirstCallLeavesTheRootReadable(Backend b) {
    try (b) {
      try (FloeStore w = b.floe()) {
        w.create("t", Rows.SCHEMA);
      }
      try (FloeStore first = b.floe()) {
        first.pruneCatalog(Duration.ofHours(1)); // its first call: learns the store's time by a probe
      }
      try (FloeStore later = b.floe()) {
        assertEquals(List.of("t"), later.tables());
        later.create("u", Rows.SCHEMA);
        assertEquals(List.of("t", "u"), later.tables());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void strayKeysUnderTheCatalogAndTheLogAreIgnored(Backend b) {
    try (b) {
      String logPrefix;
      try (FloeStore w = b.floe()) {
        Table t = w.create("t", Rows.SCHEMA);
        try (VectorSchemaRoot batch = Rows.batch(w.allocator(), 0, 3)) {
          t.append(batch);
        }
        logPrefix = t.layout().logPrefix();
      }
      ObjectStore raw = b.open();
      try {
        raw.put("catalog/_folded/_probe", new byte[0]); // what an older client's pruneCatalog left
        raw.put("catalog/_folded/99999999999999999999.json", new byte[] {'{', '}'});
        raw.put(logPrefix + "99999999999999999999.json", new byte[] {'{', '}'});
        raw.put("views/x/99999999999999999999.json", new byte[] {'{', '}'});
      } finally {
        raw.close();
      }
      try (FloeStore r = b.floe()) {
        assertEquals(List.of("t"), r.tables());
        assertEquals(3, r.table("t").latest().rowCount());
        assertEquals(1, r.table("t").latest().version());
        r.pruneCatalog(Duration.ZERO);
        r.create("u", Rows.SCHEMA);
        assertEquals(List.of("t", "u"), r.tables());
      }
    }
  }
}
