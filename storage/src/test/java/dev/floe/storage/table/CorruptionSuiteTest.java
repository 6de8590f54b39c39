package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of damage to every kind of JSON object Floe writes (issue 25): a flipped byte, a
 * truncation, an empty object, and a same-size edit of a number. Never a wrong answer; an XX001
 * naming the object; older versions readable; floe.repair restoring writes.
 */
class CorruptionSuiteTest {
  /** A way to damage an object's bytes. */
  enum Damage {
    FLIP(b -> {
      byte[] c = b.clone();
      c[c.length / 2] ^= 0x20;
      return c;
    }),
    TRUNCATE(b -> Arrays.copyOf(b, b.length / 2)),
    EMPTY(b -> new byte[0]),
    /** Same size: the last digit of {@code "rowCount":} (or else the first digit after the checksum) changes. */
    EDIT(CorruptionSuiteTest::editNumber);

    final UnaryOperator<byte[]> apply;

    Damage(UnaryOperator<byte[]> apply) {
      this.apply = apply;
    }
  }

  static byte[] editNumber(byte[] b) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    int at = s.lastIndexOf("\"rowCount\":");
    int i = at >= 0 ? at + "\"rowCount\":".length() : 20;
    while (i < b.length && !Character.isDigit(b[i])) {
      i++;
    }
    if (i >= b.length) {
      throw new AssertionError("no digit to edit in " + s);
    }
    byte[] c = b.clone();
    c[i] = (byte) (c[i] == '9' ? '7' : c[i] + 2);
    return c;
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Damage d : Damage.values()) {
      out.add(Arguments.of(Backend.folder(), d));
      out.add(Arguments.of(Backend.s3proxy(), d));
    }
    return out.stream();
  }

  static void damage(Backend b, String key, Damage d) {
    try (ObjectStore raw = b.open()) {
      byte[] before = raw.get(key);
      byte[] after = d.apply.apply(before);
      assertFalse(Arrays.equals(before, after), "the damage changes " + key);
      if (d == Damage.EDIT) {
        assertEquals(before.length, after.length);
      }
      raw.delete(key);
      raw.put(key, after);
    }
  }

  static FloeException corrupt(String key, org.junit.jupiter.api.function.Executable e) {
    FloeException x = assertThrows(FloeException.class, e);
    assertEquals(ErrorCode.CORRUPT_OBJECT, x.code(), x.getMessage());
    assertEquals(key, x.key(), x.getMessage());
    assertTrue(x.getMessage().contains(key), x.getMessage());
    return x;
  }

  /** Versions 0 (empty), 1 (a: 9000 rows), 2 (b: 5 rows). */
  static String populate(Backend b) {
    try (FloeStore f = b.floe()) {
      Table t = f.create("t", CatalogTest.SCHEMA);
      Opaque.append(t, "a", 9000);
      Opaque.append(t, "b", 5);
      return t.root();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aDamagedNewestRecordFailsNamingItUntilRepairedAndOlderVersionsStayReadable(Backend b, Damage d) {
    try (b) {
      String root = populate(b);
      String record = root + "log/00000000000000000002.json";
      damage(b, record, d);
      try (FloeStore f = b.floe()) {
        // the hint's copy of the record, certified by its own checksum, may stand in for it: the
        // answer is the record as written, or an error naming it; never a wrong count
        try {
          assertEquals(9005, f.latest("t").rowCount());
        } catch (FloeException e) {
          assertEquals(ErrorCode.CORRUPT_OBJECT, e.code());
          assertEquals(record, e.key());
        }
      }
      try (ObjectStore raw = b.open()) {
        raw.delete(root + "log/_head");
      }
      try (FloeStore f = b.floe()) {
        FloeException e = corrupt(record, () -> f.table("t").latest());
        assertTrue(e.getMessage().contains("floe.repair"), e.getMessage());
        Table t = f.table("t"); // resolvable by name: time travel works
        assertEquals(9000, t.version(1).rowCount());
        assertEquals(List.of("a"), Opaque.labels(t.version(1)));
        corrupt(record, () -> t.version(2));
        corrupt(record, () -> Opaque.append(f.table("t"), "c", 1));
        assertEquals(List.of("t"), f.tables());
      }
      try (FloeStore f = b.floe()) {
        RepairReport r = f.repair("t");
        assertTrue(r.repaired());
        assertEquals(2, r.head());
        assertEquals(1, r.goodVersion());
        assertEquals(3, r.repairVersion());
        assertTrue(r.damaged().get(0).startsWith(record), r.damaged().toString());
        assertFalse(f.repair("t").repaired()); // idempotent: the head is sound now
      }
      try (FloeStore f = b.floe()) {
        TableVersion v = f.latest("t");
        assertEquals(3, v.version());
        assertEquals(Operation.REPAIR, v.record().operation());
        assertEquals(1, v.record().parent());
        assertEquals(9000, v.rowCount());
        assertEquals(List.of("a"), Opaque.labels(v));
        Opaque.append(f.table("t"), "c", 7);
        assertEquals(9007, f.latest("t").rowCount());
        assertEquals(List.of("a", "c"), Opaque.labels(f.latest("t")));
        corrupt(record, () -> f.table("t").version(2)); // nothing was overwritten
        List<Long> versions = f.table("t").versions().stream().map(VersionInfo::version).toList();
        assertEquals(List.of(0L, 1L, 3L, 4L), versions);
        f.drop("t");
        assertEquals(List.of(), f.tables());
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aDamagedManifestOfTheNewestVersionFailsNamingItUntilRepaired(Backend b, Damage d) {
    try (b) {
      String root = populate(b);
      String manifest;
      try (FloeStore f = b.floe()) {
        TableVersion v = f.latest("t");
        manifest = root + v.record().manifests().get(v.record().manifests().size() - 1).key();
      }
      damage(b, manifest, d);
      try (FloeStore f = b.floe()) {
        corrupt(manifest, () -> f.latest("t").segments());
        assertEquals(List.of("a"), Opaque.labels(f.table("t").version(1)));
        RepairReport r = f.repair("t");
        assertEquals(1, r.goodVersion());
        assertEquals(3, r.repairVersion());
      }
      try (FloeStore f = b.floe()) {
        assertEquals(List.of("a"), Opaque.labels(f.latest("t")));
        assertEquals(9000, f.latest("t").rowCount());
        Opaque.append(f.table("t"), "c", 1);
        assertEquals(List.of("a", "c"), Opaque.labels(f.latest("t")));
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aDamagedHeadHintIsIgnoredNeverTrusted(Backend b, Damage d) {
    try (b) {
      String root = populate(b);
      damage(b, root + "log/_head", d);
      try (FloeStore f = b.floe()) {
        TableVersion v = f.latest("t");
        assertEquals(2, v.version());
        assertEquals(9005, v.rowCount());
        Opaque.append(f.table("t"), "c", 1);
      }
      try (FloeStore f = b.floe()) {
        assertEquals(9006, f.latest("t").rowCount()); // the wrong count was not copied forward
        assertEquals(3, f.latest("t").version());
      }
    }
  }

  @Test
  void aHintCopyOfAnotherVersionOfTheSameSizeIsIgnored() {
    try (Backend b = Backend.folder()) {
      String root;
      try (FloeStore f = b.floe()) {
        Table t = f.create("t", CatalogTest.SCHEMA);
        Opaque.append(t, "a", 1);
        Opaque.append(t, "b", 1);
        root = t.root();
      }
      try (ObjectStore raw = b.open()) {
        byte[] one = raw.get(root + "log/00000000000000000001.json");
        byte[] hint = ("2\n" + new String(one, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        if (raw.get(root + "log/00000000000000000002.json").length == one.length) {
          raw.put(root + "log/_head", hint);
        }
      }
      try (FloeStore f = b.floe()) {
        assertEquals(2, f.latest("t").version());
        assertEquals(2, f.latest("t").record().version());
        assertEquals(2, f.latest("t").rowCount());
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aDamagedMarkerIsAnErrorNamingIt(Backend b, Damage d) {
    try (b) {
      populate(b);
      damage(b, FloeStore.MARKER, d);
      FloeException e = assertThrows(FloeException.class, () -> b.floe().close());
      assertEquals(ErrorCode.CORRUPT_OBJECT, e.code(), e.getMessage());
      assertEquals(FloeStore.MARKER, e.key());
      assertTrue(e.getMessage().contains("floe.json"), e.getMessage());
    }
  }

  @Test
  void everyOtherKindOfObjectFailsItsChecksWithAnErrorNamingItOrIsIgnored() {
    for (Damage d : Damage.values()) {
      try (Backend b = Backend.folder()) {
        String root = populate(b);
        String op = "catalog/oq/00000000000000000001.create";
        String fold;
        String snapshot;
        String view;
        try (FloeStore f = b.floe()) {
          fold = Catalog.FOLDED + dev.floe.storage.commit.SequencedLog.pad(f.foldCatalog()) + ".json";
          f.createSnapshot("s");
          f.views().create("w", "SELECT 1", false);
        }
        try (ObjectStore raw = b.open()) {
          snapshot = raw.list("snapshots/", null).map(i -> i.key()).filter(k -> k.endsWith(".json")).findFirst().orElseThrow();
          view = raw.list("views/", null).map(i -> i.key()).filter(k -> k.endsWith(".json")).findFirst().orElseThrow();
        }
        // a catalog op's meaning is its key: a damaged body changes nothing a reader sees
        damage(b, op, d);
        try (FloeStore f = b.floe()) {
          assertEquals(List.of("t"), f.tables());
          assertEquals(9005, f.latest("t").rowCount());
          FloeException e = assertThrows(FloeException.class, () -> f.create("t", CatalogTest.SCHEMA));
          assertEquals(ErrorCode.TABLE_EXISTS, e.code());
        }
        damage(b, snapshot, d);
        damage(b, view, d);
        try (FloeStore f = b.floe()) {
          corrupt(snapshot, () -> f.snapshot("s"));
          corrupt(view, () -> f.views().definitions());
          assertEquals(9005, f.latest("t").rowCount());
        }
        damage(b, fold, d);
        try (FloeStore f = b.floe()) {
          corrupt(fold, f::tables);
        }
      }
    }
  }

  @Test
  void aDamagedHistorySummaryIsIgnoredAndAVacuumListFailsNamingIt() {
    for (Damage d : Damage.values()) {
      try (Backend b = Backend.memory()) {
        String root;
        try (FloeStore f = b.floe()) {
          Table t = f.create("t", CatalogTest.SCHEMA);
          for (int i = 0; i < 100; i++) {
            Opaque.append(t, "x" + i, 1);
          }
          assertEquals(101, t.versions().size());
          root = t.root();
        }
        damage(b, root + History.key(0), d);
        try (FloeStore f = b.floe()) {
          List<VersionInfo> vs = f.table("t").versions();
          assertEquals(101, vs.size());
          assertEquals(100, vs.get(100).rowCount());
        }
      }
    }
    try (Backend b = Backend.folder()) {
      String list;
      try (FloeStore f = b.floe()) {
        Table t = f.create("t", CatalogTest.SCHEMA);
        Opaque.append(t, "a", 1);
        Opaque.rewrite(t, t.latest(), java.util.Set.of("a"), "b", 1);
        VacuumReport r = f.vacuum("t", new VacuumOptions(java.time.Duration.ZERO, 1, false));
        assertTrue(r.version() > 0);
        list = t.root() + "vacuum/" + t.version(r.version()).record().txnId().value() + ".json";
      }
      damage(b, list, Damage.EDIT);
      try (FloeStore f = b.floe()) {
        Table t = f.table("t");
        corrupt(list, () -> Vacuum.announcement(t, t.latest().record()));
      }
    }
  }

  @Test
  void aRootOfFormatVersionOneAcceptsObjectsWithoutChecksumsButChecksThemWhenPresent() {
    byte[] legacy = "{\"format\":1,\"segments\":[]}".getBytes(StandardCharsets.UTF_8);
    assertEquals(0, ManifestParser.fromBytes("m", "mem:x", legacy, true).segments().size());
    corrupt("m", () -> ManifestParser.fromBytes("m", "mem:x", legacy, false));
    byte[] moved = "{\"format\":1,\"crc32c\":\"00000000\",\"segments\":[]}".getBytes(StandardCharsets.UTF_8);
    corrupt("m", () -> ManifestParser.fromBytes("m", "mem:x", moved, true));
    byte[] sound = ManifestParser.toBytes(new Manifest(List.of()));
    assertTrue(new String(sound, StandardCharsets.UTF_8).startsWith("{\"crc32c\":\""));
    byte[] bad = editNumber(sound);
    corrupt("m", () -> ManifestParser.fromBytes("m", "mem:x", bad, true));
    try (Backend b = Backend.memory()) {
      try (ObjectStore raw = b.open()) {
        raw.putIfAbsent(FloeStore.MARKER, "{\"format\":\"floe\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
      }
      try (FloeStore f = b.floe()) {
        Table t = f.create("t", CatalogTest.SCHEMA);
        Opaque.append(t, "a", 3);
      }
      try (FloeStore f = b.floe()) {
        assertEquals(3, f.latest("t").rowCount());
      }
    }
  }

  /** A version 1 root reads objects without the field; a version 2 root refuses them. */
  @Test
  void objectsWithoutChecksumsAreReadInVersionOneRootsOnly() {
    for (int version : new int[] {1, 2}) {
      try (Backend b = Backend.folder()) {
        try (ObjectStore raw = b.open()) {
          if (version == 1) {
            raw.putIfAbsent(FloeStore.MARKER, "{\"format\":\"floe\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
          }
        }
        String root = populate(b);
        String record = root + "log/00000000000000000002.json";
        try (ObjectStore raw = b.open()) {
          String s = new String(raw.get(record), StandardCharsets.UTF_8);
          assertTrue(s.startsWith("{\"crc32c\":\""), s);
          String legacy = "{" + s.substring("{\"crc32c\":\"00000000\",".length());
          raw.delete(record);
          raw.put(record, legacy.getBytes(StandardCharsets.UTF_8));
          raw.delete(root + "log/_head");
        }
        try (FloeStore f = b.floe()) {
          if (version == 1) {
            assertEquals(9005, f.latest("t").rowCount());
            Opaque.append(f.table("t"), "c", 1);
            assertEquals(9006, f.latest("t").rowCount());
          } else {
            corrupt(record, () -> f.latest("t"));
          }
        }
      }
    }
  }

  /** Two repairs race for the next version: exactly one writes it, the other changes nothing. */
  @Test
  void twoRacingRepairsWriteOneRepairRecord() {
    try (Backend b = Backend.folder()) {
      String root = populate(b);
      damage(b, root + "log/00000000000000000002.json", Damage.EMPTY);
      dev.floe.storage.io.FaultInjectingStore racing = new dev.floe.storage.io.FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(racing, FloeOptions.defaults())) {
        racing.beforeCall(dev.floe.storage.io.StoreOp.PUT_IF_ABSENT,
            racing.calls(dev.floe.storage.io.StoreOp.PUT_IF_ABSENT) + 1, key -> {
              try (FloeStore other = b.floe()) {
                assertEquals(3, other.repair("t").repairVersion());
              }
            });
        dev.floe.storage.commit.CommitConflictException e =
            assertThrows(dev.floe.storage.commit.CommitConflictException.class, () -> f.repair("t"));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("floe.repair"), e.getMessage());
        assertFalse(f.repair("t").repaired());
      } finally {
        racing.close();
      }
      try (FloeStore f = b.floe(); ObjectStore raw = b.open()) {
        assertEquals(3, f.latest("t").version());
        assertEquals(Operation.REPAIR, f.latest("t").record().operation());
        assertEquals(9000, f.latest("t").rowCount());
        assertEquals(4, raw.list(root + "log/0", null).count()); // 0, 1, 2 (damaged), 3
      }
    }
  }
}
