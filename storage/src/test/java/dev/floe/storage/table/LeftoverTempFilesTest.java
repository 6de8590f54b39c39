package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VACUUM removes the temp files killed writers left in a local folder, once older than the grace period. */
class LeftoverTempFilesTest {
  @Test
  void vacuumDeletesOldTempFilesAndKeepsFreshOnesAndEveryObject() throws Exception {
    try (Backend b = Backend.folder()) {
      Path root = Path.of(b.location().substring("file:".length()));
      try (FloeStore f = b.floe()) {
        Table t = f.create("t", CatalogTest.SCHEMA);
        Opaque.append(t, "a", 3);
      }
      Path temp = root.resolve(".tmp");
      Files.createDirectories(temp);
      Path old = temp.resolve("11111111-1111-1111-1111-111111111111.tmp");
      Path fresh = temp.resolve("22222222-2222-2222-2222-222222222222.tmp");
      Files.write(old, "killed writer".getBytes());
      Files.write(fresh, "live writer".getBytes());
      Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
      // a killed writer whose temp file was already linked: the object must survive its removal
      Path record = root.resolve(f0(root));
      Path linked = temp.resolve("33333333-3333-3333-3333-333333333333.tmp");
      Files.createLink(linked, record);
      Files.setLastModifiedTime(record, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
      try (FloeStore f = b.floe()) {
        f.vacuum("t", new VacuumOptions(Duration.ofHours(1), 0, true)); // a dry run deletes nothing
        assertTrue(Files.exists(old));
        f.vacuum("t", new VacuumOptions(Duration.ofHours(1), 0, false));
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(linked));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(record));
        assertEquals(3, f.latest("t").rowCount());
        Opaque.append(f.table("t"), "b", 1);
        assertEquals(4, f.latest("t").rowCount());
      }
    }
  }

  private static String f0(Path root) throws Exception {
    try (var s = Files.walk(root.resolve("tables"))) {
      return root.relativize(s.filter(p -> p.toString().endsWith("00000000000000000001.json")).findFirst().orElseThrow()).toString();
    }
  }

  @Test
  void wrappersForwardTheCleanupAndTheDefaultDeletesNothing() {
    List<String> seen = new java.util.ArrayList<>();
    ObjectStore inner = dev.floe.storage.io.memory.MemoryStore.open("x-" + java.util.UUID.randomUUID());
    assertEquals(List.of(), inner.deleteLeftovers(Instant.now()));
    ObjectStore fake = new dev.floe.storage.io.ForwardingStore(inner) {
      @Override
      public List<String> deleteLeftovers(Instant before) {
        seen.add("called");
        return List.of(".tmp/x.tmp");
      }
    };
    assertEquals(List.of(".tmp/x.tmp"), new CountingStore(fake).deleteLeftovers(Instant.now()));
    assertEquals(List.of(".tmp/x.tmp"), new FaultInjectingStore(fake).deleteLeftovers(Instant.now()));
    assertEquals(2, seen.size());
    dev.floe.storage.io.WriteGate gate = new dev.floe.storage.io.WriteGate(fake, false);
    org.junit.jupiter.api.Assertions.assertThrows(dev.floe.storage.io.StoreException.class,
        () -> gate.deleteLeftovers(Instant.now()));
    assertEquals(2, seen.size()); // a read-only client deletes nothing
    gate.setWritable(true);
    assertEquals(List.of(".tmp/x.tmp"), gate.deleteLeftovers(Instant.now()));
  }
}
