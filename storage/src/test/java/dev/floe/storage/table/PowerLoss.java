package dev.floe.storage.table;

import dev.floe.storage.io.local.LocalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A model of what a power loss keeps of a folder store: a name survives only if its folder was
 * fsync'd while the name was in it (the weakest promise POSIX gives). Pass it as the {@link
 * LocalStore.FolderSync} of the stores under test: each fsync records the folder's names then (and
 * still fsyncs for real). {@link #losePower()} then removes every name no fsync recorded, with
 * everything under it. File contents are not modelled (the store fsyncs a file before linking it).
 */
final class PowerLoss implements LocalStore.FolderSync {
  private final Path root;
  private final Map<Path, Set<String>> durable = new ConcurrentHashMap<>();

  /** Everything under {@code root} now counts as durable. */
  PowerLoss(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    try (Stream<Path> all = Files.walk(this.root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isDirectory(p)) {
          durable.put(p, names(p));
        }
      }
    }
  }

  @Override
  public void force(Path folder) throws IOException {
    Set<String> now = names(folder);
    try (var ch = java.nio.channels.FileChannel.open(folder, java.nio.file.StandardOpenOption.READ)) {
      ch.force(true);
    }
    durable.put(folder.toAbsolutePath().normalize(), now);
  }

  /** Removes every name that no fsync of its folder recorded: the folder after a power loss. */
  void losePower() throws IOException {
    lose(root);
  }

  private void lose(Path folder) throws IOException {
    Set<String> kept = durable.getOrDefault(folder, Set.of());
    for (String name : names(folder)) {
      Path p = folder.resolve(name);
      if (!kept.contains(name)) {
        deleteTree(p);
      } else if (Files.isDirectory(p)) {
        lose(p);
      }
    }
  }

  private static Set<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toUnmodifiableSet());
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(q -> {
        try {
          Files.delete(q);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
