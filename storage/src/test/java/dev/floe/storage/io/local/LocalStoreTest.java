package dev.floe.storage.io.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStoreContract;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.io.StoreConfig;
import dev.floe.storage.io.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest extends ObjectStoreContract {
  @TempDir Path tmp;
  private Path dir;
  private int n;

  @Override
  protected ObjectStore newStore() {
    dir = tmp.resolve("store" + n++);
    return ObjectStores.open("file:" + dir, StoreConfig.DEFAULTS);
  }

  @Override
  protected ObjectStore anotherClient() {
    return LocalStore.open(dir);
  }

  @Test
  void createsTheFolderAndHidesItsTemporaryFiles() throws IOException {
    assertTrue(Files.isDirectory(dir.resolve(LocalStore.TEMP_DIR)));
    Files.writeString(dir.resolve(LocalStore.TEMP_DIR).resolve("leftover.tmp"), "crashed writer");
    store.putIfAbsent("a/b", new byte[] {1});
    assertEquals(List.of("a/b"), keys(store.list("", null)));
    assertTrue(Files.list(dir.resolve(LocalStore.TEMP_DIR)).allMatch(p -> p.endsWith("leftover.tmp")),
        "a finished write leaves no temporary file behind");
  }

  @Test
  void aKeyThatIsAlsoAFolderIsRefusedClearlyNeverReportedAsExisting() {
    store.putIfAbsent("t/a", new byte[] {1});
    StoreException e = assertThrows(StoreException.class, () -> store.putIfAbsent("t/a/c", new byte[] {2}));
    assertEquals(StoreException.Kind.INVALID_KEY, e.kind());
    assertTrue(e.getMessage().contains("path prefix"), e.getMessage());
    store.putIfAbsent("u/a/c", new byte[] {1});
    e = assertThrows(StoreException.class, () -> store.putIfAbsent("u/a", new byte[] {2}));
    assertEquals(StoreException.Kind.INVALID_KEY, e.kind(), e.getMessage());
    e = assertThrows(StoreException.class, () -> store.put("u/a", new byte[] {2}));
    assertEquals(StoreException.Kind.INVALID_KEY, e.kind(), e.getMessage());
    assertEquals(List.of("t/a", "u/a/c"), keys(store.list("", null)));
  }

  @Test
  void objectsAreFilesUnderTheRootAndSurviveReopening() throws IOException {
    store.putIfAbsent("log/00000000000000000001.json", "{}".getBytes());
    assertEquals("{}", Files.readString(dir.resolve("log/00000000000000000001.json")));
    try (ObjectStore again = LocalStore.open(dir)) {
      assertArrayEquals("{}".getBytes(), again.get("log/00000000000000000001.json"));
    }
  }

  @Test
  void relativeAndUriFormsOpenTheSameFolder() {
    Path abs = dir.toAbsolutePath();
    store.putIfAbsent("k", new byte[] {5});
    try (ObjectStore viaUri = ObjectStores.open("file://" + abs, StoreConfig.DEFAULTS)) {
      assertArrayEquals(new byte[] {5}, viaUri.get("k"));
    }
    Path cwd = Path.of("").toAbsolutePath();
    String rel = cwd.relativize(abs).toString();
    try (ObjectStore viaRelative = ObjectStores.open("file:" + rel, StoreConfig.DEFAULTS)) {
      assertArrayEquals(new byte[] {5}, viaRelative.get("k"));
      assertEquals("file:" + abs, viaRelative.location());
    }
  }

  @Test
  void aFileSystemThatRefusesFolderFsyncIsRefusedAtOpen() {
    StoreException e = assertThrows(StoreException.class, () -> LocalStore.open(tmp.resolve("nosync"),
        folder -> {
          throw new IOException("Invalid argument");
        }));
    assertEquals(StoreException.Kind.UNSAFE_STORE, e.kind());
    assertTrue(e.getMessage().contains("refused to fsync a folder"), e.getMessage());
  }

  @Test
  void everyFolderCreatedForAnObjectIsFsyncedInTheFolderItWasCreatedIn() {
    List<Path> synced = new ArrayList<>();
    Path root = tmp.resolve("synced").toAbsolutePath();
    try (ObjectStore s = LocalStore.open(root, synced::add)) {
      synced.clear();
      s.putIfAbsent("a/b/c/k", new byte[] {1});
      assertEquals(List.of(root, root.resolve("a"), root.resolve("a/b"), root.resolve("a/b/c")), synced);
      synced.clear();
      s.put("a/b/d/k", new byte[] {1});
      assertEquals(List.of(root.resolve("a/b"), root.resolve("a/b/d")), synced);
    }
  }

  @Test
  void aFailedFsyncAfterTheLinkIsAnUnknownOutcomeNotAPlainError() {
    Path root = tmp.resolve("eio");
    boolean[] fail = {false};
    try (ObjectStore s = LocalStore.open(root, folder -> {
      if (fail[0]) {
        throw new IOException("Input/output error");
      }
    })) {
      s.putIfAbsent("log/1", new byte[] {1});
      fail[0] = true;
      StoreException e = assertThrows(StoreException.class, () -> s.putIfAbsent("log/2", new byte[] {2}));
      assertEquals(StoreException.Kind.UNKNOWN_OUTCOME, e.kind(), e.getMessage());
      assertTrue(e instanceof dev.floe.storage.io.UnknownOutcomeException, e.toString());
      e = assertThrows(StoreException.class, () -> s.putIfAbsent("log/1", new byte[] {9}));
      assertEquals(StoreException.Kind.UNKNOWN_OUTCOME, e.kind(), "a taken name not known durable: " + e);
      fail[0] = false;
      assertEquals(ObjectStore.CreateResult.ALREADY_EXISTS, s.putIfAbsent("log/2", new byte[] {2}));
      assertArrayEquals(new byte[] {2}, s.get("log/2"));
    }
  }
}
