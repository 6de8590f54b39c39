package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading a version VACUUM expired says so (VERSION_EXPIRED, 72000: which VACUUM, when, and the
 * oldest version still readable) instead of "manifest ... is missing" (58P01), which reads as
 * data loss; an object missing for another reason stays MISSING_OBJECT.
 */
class VersionExpiredTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void anExpiredVersionIsReportedAsExpiredByVacuum(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      for (int i = 0; i < 4; i++) {
        append(t, f, i * 10, i * 10 + 10); // versions 1..4
      }
      t.delete(new dev.floe.storage.segment.Predicate.Compare(0, dev.floe.storage.segment.Predicate.Op.LT, 10L)); // 5
      VacuumTest.settle(b); // S3 store times are whole seconds: let the versions be older than "now"
      VacuumReport r = f.vacuum("t", new VacuumOptions(Duration.ZERO, 1, null, false));
      assertTrue(r.expired().contains(2L), "version 2 expired: " + r.expired());
      FloeException e = assertThrows(FloeException.class, () -> Rows.ids(t.version(2)));
      assertEquals(ErrorCode.VERSION_EXPIRED, e.code(), e.getMessage());
      assertEquals("72000", e.code().sqlState());
      assertTrue(e.getMessage().contains("expired by the VACUUM committed as version " + r.version()), e.getMessage());
      assertTrue(e.getMessage().contains("oldest version still readable is 5"), e.getMessage());
      assertEquals(30, Rows.ids(t.version(5)).size(), "the retained version reads");
      assertEquals(java.util.List.of(), f.orphans("t").keys(), "orphans() reads past the expired versions (58P01 before)");
    }
  }

  private static void append(Table t, FloeStore f, long from, long to) {
    try (VectorSchemaRoot batch = Rows.batch(f.allocator(), from, to)) {
      t.append(batch);
    }
  }

}
