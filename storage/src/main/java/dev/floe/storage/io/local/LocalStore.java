package dev.floe.storage.io.local;

import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectKeys;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.UnknownOutcomeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An object store in a local folder ({@code file:PATH}); an object is a file at {@code root/key}.
 * Several processes may share the folder.
 *
 * <p>Create-if-absent: the bytes go to a temporary file under {@code root/.tmp/}, which is fsync'd,
 * then hard-linked to the final name with {@link Files#createLink} (link(2) fails if the name
 * exists, atomically, across processes), then the final name's folder is fsync'd so the new name
 * survives a power loss. A file is never renamed over another on this path, since rename replaces.
 * Once the link succeeded the name is visible to every reader, so a failure after it (the folder
 * fsync failing with EIO on a failing disk or a network file system) is an {@link
 * UnknownOutcomeException}, never a plain I/O error: the caller must settle it and must not delete
 * what the record references. When the name is taken the folder is fsync'd too before {@code
 * ALREADY_EXISTS} is returned, so a writer that learns of a record (its own, settling an unknown
 * outcome, or another's) learns of a durable one; that fsync failing is an unknown outcome as well.
 *
 * <p>Folders: every folder the store creates for the parents of a new object (and the root and
 * its {@code .tmp/}) is made durable by an fsync of the folder it was created in, before the
 * object is written. A folder another writer is creating at the same moment may be seen before
 * that writer's fsync of it; the window is that writer's one fsync.
 *
 * <p>Opening the store self-tests that hard links work, that a second link to a taken name fails,
 * and that a folder can be fsync'd; a file system without any of them is refused with {@link
 * StoreException.Kind#UNSAFE_STORE}. On Windows the JDK cannot open a folder to fsync it; there
 * the folder fsyncs are skipped and NTFS's metadata journal is relied on.
 *
 * <p>Plain {@code put} writes a temporary file and renames it over the target: readers see the
 * old file or the new one, never a torn one. Store time is the file's modification time, set by
 * the file system.
 */
public final class LocalStore implements ObjectStore {
  /** Hidden folder of temporary files; never listed (keys cannot start with '.'). */
  static final String TEMP_DIR = ".tmp";

  /**
   * Makes a folder's entries durable: fsync(2) of the folder. The seam through which tests inject
   * a failing fsync; {@link #open(Path)} uses the real one.
   */
  @FunctionalInterface
  public interface FolderSync {
    /** Forces the entries of {@code folder} (names created, linked or renamed in it) to disk. */
    void force(Path folder) throws IOException;
  }

  private final Path root;
  private final Path temp;
  private final FolderSync sync;

  private LocalStore(Path root, FolderSync sync) {
    this.root = root;
    this.temp = root.resolve(TEMP_DIR);
    this.sync = sync;
  }

  /**
   * Opens the folder, creating it if absent, and self-tests hard links and folder fsync.
   *
   * @throws StoreException of kind {@link StoreException.Kind#UNSAFE_STORE} if the file system
   *     cannot give durable create-if-absent, or {@link StoreException.Kind#IO} if the folder is
   *     unusable
   */
  public static LocalStore open(Path folder) {
    return open(folder, LocalStore::fsyncFolder);
  }

  /** As {@link #open(Path)}, making folders durable with {@code sync} (tests inject faults here). */
  public static LocalStore open(Path folder, FolderSync sync) {
    Path root = folder.toAbsolutePath().normalize();
    LocalStore store = new LocalStore(root, sync);
    try {
      java.util.Deque<Path> created = missing(store.temp);
      Files.createDirectories(store.temp);
      store.selfTestHardLinks();
      store.selfTestFolderSync();
      for (Path p : created) {
        sync.force(p.getParent());
      }
    } catch (IOException e) {
      throw new StoreException(
          StoreException.Kind.IO, null,
          "cannot use folder " + root + " as a Floe store: " + e
              + "; check that the path is a writable folder", e);
    }
    return store;
  }

  /** The folder this store lives in. */
  public Path root() {
    return root;
  }

  @Override
  public byte[] get(String key) {
    Path file = file(key);
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(location(), key);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new ObjectNotFoundException(location(), key);
      }
      throw io("read", key, e);
    }
  }

  @Override
  public byte[] get(String key, long offset, int length) {
    Path file = file(key);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (offset < 0 || length < 0 || offset + length > size) {
        throw new StoreException(
            StoreException.Kind.RANGE_NOT_SATISFIABLE, key,
            "cannot read bytes [" + offset + ", " + (offset + length) + ") of '" + key + "' in "
                + location() + ": the object is " + size + " bytes long");
      }
      ByteBuffer buf = ByteBuffer.allocate(length);
      long pos = offset;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) {
          throw new StoreException(
              StoreException.Kind.CORRUPT, key,
              "object '" + key + "' in " + location() + " shrank while being read");
        }
        pos += n;
      }
      return buf.array();
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(location(), key);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new ObjectNotFoundException(location(), key);
      }
      throw io("read", key, e);
    }
  }

  @Override
  public Stream<ObjectInfo> list(String prefix, String startAfter) {
    String p = ObjectKeys.validatePrefix(prefix);
    int slash = p.lastIndexOf('/');
    Path base = slash < 0 ? root : root.resolve(p.substring(0, slash));
    if (!Files.isDirectory(base)) {
      return Stream.empty();
    }
    List<ObjectInfo> found = new ArrayList<>();
    try {
      walk(base, p, startAfter, found);
    } catch (IOException e) {
      throw io("list", p, e);
    }
    found.sort((a, b) -> a.key().compareTo(b.key()));
    return found.stream();
  }

  /**
   * Adds the objects under {@code dir} whose keys start with {@code p} and sort after {@code
   * startAfter}. An entry is pruned by its name alone, before any stat: when its key sorts before
   * {@code startAfter} without being a prefix of it, so do all keys under it (they differ from
   * {@code startAfter} at the same position). So listing a log after a recent version reads the
   * folder's names and stats only the newer records, not one file per version. Hidden names
   * (starting with a dot: the temp folder, a backend's own files) are never listed.
   */
  private void walk(Path dir, String p, String startAfter, List<ObjectInfo> found) throws IOException {
    try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        if (e.getFileName().toString().startsWith(".") || e.equals(temp)) {
          continue;
        }
        String key = keyOf(e);
        if (!key.startsWith(p) && !p.startsWith(key)
            || startAfter != null && key.compareTo(startAfter) < 0 && !startAfter.startsWith(key)) {
          continue;
        }
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(e, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
          continue; // deleted while we listed: not listed
        }
        if (attrs.isDirectory()) {
          walk(e, p, startAfter, found);
        } else if (attrs.isRegularFile() && key.startsWith(p) && (startAfter == null || key.compareTo(startAfter) > 0)) {
          found.add(new ObjectInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
        }
      }
    } catch (NoSuchFileException gone) {
      // the folder was deleted while we listed
    }
  }

  @Override
  public CreateResult putIfAbsent(String key, byte[] bytes) {
    Path target = file(key);
    createParents(key, target);
    Path tmp = writeTemp(key, bytes);
    try {
      try {
        Files.createLink(target, tmp);
      } catch (FileAlreadyExistsException e) {
        if (Files.isDirectory(target)) {
          throw pathClash(key);
        }
        syncAfterLink(key, target, "the name exists, but the fsync of its folder failed");
        return CreateResult.ALREADY_EXISTS;
      }
      // From here on the name is visible: no failure may be reported as "nothing written".
      syncAfterLink(key, target, "the object was linked under its name and is visible, but the"
          + " fsync of its folder failed");
      return CreateResult.CREATED;
    } catch (IOException e) {
      throw io("create", key, e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Fsyncs the folder of {@code target}, a failure being an unknown outcome of creating it. */
  private void syncAfterLink(String key, Path target, String what) {
    try {
      sync.force(target.getParent());
    } catch (IOException | RuntimeException e) {
      throw new UnknownOutcomeException(location(), key, what + " (" + e + "), so it may not"
          + " survive a crash or power loss", e);
    }
  }

  @Override
  public Instant put(String key, byte[] bytes) {
    Path target = file(key);
    createParents(key, target);
    Path tmp = writeTemp(key, bytes);
    try {
      if (Files.isDirectory(target)) {
        throw pathClash(key);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      sync.force(target.getParent());
      return Files.getLastModifiedTime(target).toInstant();
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw io("write", key, e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException e) {
      if (Files.isDirectory(file(key))) {
        return; // a folder is not an object: nothing to delete
      }
      throw io("delete", key, e);
    }
  }

  /**
   * Deletes the files under {@code root/.tmp/} whose modification time is before {@code before}:
   * temp files of writers killed between writing and linking them (a linked temp file is only a
   * second name of its object, so unlinking it loses nothing).
   */
  @Override
  public java.util.List<String> deleteLeftovers(Instant before) {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (!Files.isDirectory(temp)) {
      return out;
    }
    try (Stream<Path> s = Files.list(temp)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        try {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
          if (a.isRegularFile() && p.getFileName().toString().endsWith(".tmp")
              && a.lastModifiedTime().toInstant().isBefore(before)) {
            Files.deleteIfExists(p);
            out.add(TEMP_DIR + "/" + p.getFileName());
          }
        } catch (IOException e) {
          // gone meanwhile, or not ours to delete: skip it
        }
      }
    } catch (IOException e) {
      throw io("clean", TEMP_DIR, e);
    }
    return out;
  }

  @Override
  public String location() {
    return "file:" + root;
  }

  @Override
  public void close() {
    // nothing held open between calls
  }

  @Override
  public String toString() {
    return "LocalStore[" + location() + "]";
  }

  private void createParents(String key, Path target) {
    try {
      createFolders(target.getParent());
    } catch (FileAlreadyExistsException e) {
      throw pathClash(key);
    } catch (IOException e) {
      throw io("create the folder of", key, e);
    }
  }

  private StoreException pathClash(String key) {
    return new StoreException(
        StoreException.Kind.INVALID_KEY, key,
        "invalid object key '" + key + "' for " + location() + ": it or one of its parent paths is"
            + " already an object; in a folder store no key may be a path prefix of another"
            + " (see ObjectKeys)");
  }

  private Path file(String key) {
    return root.resolve(ObjectKeys.validate(key));
  }

  private String keyOf(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private Path writeTemp(String key, byte[] bytes) {
    Path tmp = temp.resolve(UUID.randomUUID() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
      return tmp;
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw io("write", key, e);
    }
  }

  /**
   * Creates {@code dir} and its missing parents, top down, fsyncing the folder each was created in
   * before going on, so a folder survives a power loss once an object in it is reported written.
   * A level that was missing when looked at is fsync'd even if a concurrent writer created it.
   */
  private void createFolders(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    for (Path p : missing(dir)) {
      try {
        Files.createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
      }
      sync.force(p.getParent());
    }
  }

  /** {@code dir} and those of its parents that are not folders now, top down. */
  private static java.util.Deque<Path> missing(Path dir) {
    java.util.ArrayDeque<Path> missing = new java.util.ArrayDeque<>();
    for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    return missing;
  }

  private static void fsyncFolder(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory for fsync; Linux (the supported one) can.
      if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
        throw e;
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temp file is hidden from listings and cleaned by VACUUM
    }
  }

  private void selfTestHardLinks() {
    Path a = temp.resolve("probe-" + UUID.randomUUID());
    Path b = temp.resolve("probe-" + UUID.randomUUID());
    try {
      Files.write(a, new byte[] {1});
      Files.write(b, new byte[] {2});
      Path link = temp.resolve("probe-" + UUID.randomUUID() + ".link");
      try {
        Files.createLink(link, a);
        boolean refused;
        try {
          Files.createLink(link, b);
          refused = false;
        } catch (FileAlreadyExistsException expected) {
          refused = true;
        }
        if (!refused || Files.readAllBytes(link)[0] != 1) {
          throw unsafe("a hard link replaced an existing name");
        }
      } finally {
        deleteQuietly(link);
      }
    } catch (UnsupportedOperationException | IOException e) {
      if (e instanceof AccessDeniedException) {
        throw io("write", TEMP_DIR, (IOException) e);
      }
      throw unsafe("hard links are not supported (" + e + ")");
    } finally {
      deleteQuietly(a);
      deleteQuietly(b);
    }
  }

  /** Fsyncs the root and {@code .tmp/}: a file system that refuses to cannot promise durable commits. */
  private void selfTestFolderSync() {
    try {
      sync.force(root);
      sync.force(temp);
    } catch (IOException | RuntimeException e) {
      throw unsafe("the file system refused to fsync a folder (" + e + "), so a commit"
          + " acknowledged before a crash or power loss could vanish after it");
    }
  }

  private StoreException unsafe(String why) {
    return new StoreException(
        StoreException.Kind.UNSAFE_STORE, null,
        "refusing to use " + location() + " as a Floe store: " + why
            + "; Floe's commits need durable atomic create-if-absent, which it builds on hard links"
            + " and folder fsync; use a local file system such as ext4, xfs or apfs");
  }

  private StoreException io(String verb, String key, IOException e) {
    return new StoreException(
        StoreException.Kind.IO, key,
        "cannot " + verb + " '" + key + "' in " + location() + ": " + e
            + "; check the folder's permissions and free space", e);
  }
}
