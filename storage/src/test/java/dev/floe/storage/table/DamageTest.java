package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.FaultInjectingStore.Fault;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.SimulatedCrash;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.local.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Damaged storage is an error naming the key, and other tables keep working (DESIGN §10.11 too). */
class DamageTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aMissingManifestIsAnErrorNamingItsKeyAndOtherTablesKeepWorking(Backend b) {
    try (b) {
      String key;
      try (FloeStore f = b.floe()) {
        Table t = f.create("broken", CatalogTest.SCHEMA);
        Opaque.append(t, "a", 1);
        Table ok = f.create("fine", CatalogTest.SCHEMA);
        Opaque.append(ok, "b", 1);
        key = t.root() + t.latest().record().manifests().get(0).key();
      }
      try (ObjectStore raw = b.open()) {
        raw.delete(key);
      }
      try (FloeStore f = b.floe()) {
        FloeException e = assertThrows(FloeException.class, () -> f.table("broken").latest().segments());
        assertEquals(ErrorCode.MISSING_OBJECT, e.code());
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        Opaque.append(f.table("fine"), "c", 1);
        assertEquals(List.of("b", "c"), Opaque.labels(f.table("fine").latest()));
        assertEquals(List.of("broken", "fine"), f.tables());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aCorruptManifestOrRecordIsAnErrorNamingItsKey(Backend b) {
    try (b) {
      String manifest;
      String record;
      try (FloeStore f = b.floe()) {
        Table t = f.create("t", CatalogTest.SCHEMA);
        Opaque.append(t, "a", 1);
        manifest = t.root() + t.latest().record().manifests().get(0).key();
        Opaque.append(t, "b", 1);
        record = t.root() + "log/00000000000000000002.json";
      }
      try (ObjectStore raw = b.open()) {
        raw.delete(manifest);
        raw.put(manifest, "{\"format\":1,\"segments\":[{\"key\":".getBytes());
      }
      try (FloeStore f = b.floe()) {
        FloeException e = assertThrows(FloeException.class, () -> f.table("t").latest().segments());
        assertEquals(ErrorCode.CORRUPT_OBJECT, e.code());
        assertEquals(manifest, e.key());
        assertTrue(e.getMessage().contains(manifest), e.getMessage());
      }
      try (ObjectStore raw = b.open()) {
        raw.delete(record);
        raw.put(record, "not json".getBytes());
      }
      try (FloeStore f = b.floe()) {
        // the table still resolves (time travel to older versions works, issue 25); its latest fails
        FloeException e = assertThrows(FloeException.class, () -> f.table("t").latest());
        assertEquals(ErrorCode.CORRUPT_OBJECT, e.code());
        assertEquals(record, e.key());
      }
    }
  }

  /**
   * DESIGN §10.11: the local folder loses power right after the record's link returned; the
   * version stays. {@link PowerLoss} keeps only the names whose folder was fsync'd, so this fails
   * if the store acknowledged a link, or wrote a segment, manifest or folder, without that fsync.
   */
  @Test
  void powerLossAfterTheLinkKeepsTheVersion(@TempDir Path dir) throws Exception {
    LocalStore.open(dir).close();
    PowerLoss disk = new PowerLoss(dir);
    try (FloeStore f = FloeStore.open(LocalStore.open(dir, disk), FloeOptions.defaults())) {
      Opaque.append(f.create("t", CatalogTest.SCHEMA), "before", 1);
    }
    FaultInjectingStore dying = new FaultInjectingStore(LocalStore.open(dir, disk));
    try (FloeStore f = FloeStore.open(dying, FloeOptions.defaults())) {
      Table t = f.table("t");
      dying.inject(StoreOp.PUT_IF_ABSENT, dying.calls(StoreOp.PUT_IF_ABSENT) + 1, Fault.CRASH_AFTER);
      assertThrows(SimulatedCrash.class, () -> Opaque.append(t, "linked", 1));
    }
    disk.losePower();
    // what power loss between link(2) and unlinking the temp name leaves: a temp file
    Files.writeString(dir.resolve(".tmp").resolve("power-loss.tmp"), "half");
    try (FloeStore f = FloeStore.open(LocalStore.open(dir), FloeOptions.defaults())) {
      TableVersion v = f.table("t").latest();
      assertEquals(2, v.version(), "the linked record is the head although the hint still says 1");
      assertEquals(List.of("before", "linked"), Opaque.labels(v));
      Opaque.append(f.table("t"), "after", 1);
      assertEquals(3, f.table("t").latest().version());
      assertEquals(List.of(), f.orphans("t").keys(), "temp files are hidden from listings");
    }
  }
}
