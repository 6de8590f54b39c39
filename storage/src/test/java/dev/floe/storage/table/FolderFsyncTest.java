package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.CommitPolicy;
import dev.floe.storage.commit.CommitStateUnknownException;
import dev.floe.storage.io.RetryPolicy;
import dev.floe.storage.io.local.LocalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder store whose fsync of a table's {@code log/} folder fails (EIO) after the link made the
 * commit record visible: the statement is acknowledged (the commit loop settled it) or reported
 * as {@link CommitStateUnknownException}, never as a failure that deletes its segments and
 * manifest. In both cases a fresh client reads the rows, and nothing the log references is
 * missing or left over.
 */
class FolderFsyncTest {
  /** Settles in milliseconds instead of the default's seconds. */
  static final FloeOptions QUICK = FloeOptions.defaults().withCommit(new CommitPolicy(
      CommitPolicy.DEFAULT.retry(), 3, new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5))));

  @TempDir Path dir;

  /** Fails the next {@code n} fsyncs of folders named {@code log}, as a disk returning EIO would. */
  static final class FailingLogSync implements LocalStore.FolderSync {
    final AtomicInteger left = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();

    @Override
    public void force(Path folder) throws IOException {
      if (folder.getFileName().toString().equals("log") && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        failed.incrementAndGet();
        throw new IOException("Input/output error (injected)");
      }
    }
  }

  @Test
  void aFailedFsyncAfterTheLinkIsSettledAndTheCommitAcknowledged() {
    FailingLogSync sync = new FailingLogSync();
    try (FloeStore f = FloeStore.open(LocalStore.open(dir, sync), QUICK)) {
      create(f);
      sync.left.set(1);
      append(f, 100, 110); // settled: the retried link finds the name, its folder fsync succeeds
      assertEquals(1, sync.failed.get(), "the fault was hit");
    }
    assertReadable(Rows.range(0, 10), Rows.range(100, 110));
  }

  @Test
  void aFsyncThatKeepsFailingAfterTheLinkIsAnUnknownOutcomeThatDeletesNothing() {
    FailingLogSync sync = new FailingLogSync();
    try (FloeStore f = FloeStore.open(LocalStore.open(dir, sync), QUICK)) {
      create(f);
      sync.left.set(Integer.MAX_VALUE);
      RuntimeException e = assertThrows(RuntimeException.class, () -> append(f, 100, 110));
      assertReadable(Rows.range(0, 10), Rows.range(100, 110)); // first: nothing was deleted
      assertInstanceOf(CommitStateUnknownException.class, e, e.toString());
      assertTrue(e.getMessage().contains("fsync of its folder failed"), e.getMessage());
      assertTrue(sync.failed.get() >= 2, "the first link and the settling attempts all failed");
      sync.left.set(0);
      append(f, 200, 205); // the same client goes on once the disk recovers
    }
    assertReadable(Rows.range(0, 10), Rows.range(100, 110), Rows.range(200, 205));
  }

  private static void create(FloeStore f) {
    try (VectorSchemaRoot b = Rows.batch(f.allocator(), 0, 10)) {
      f.createAs("t", Rows.SCHEMA, b);
    }
  }

  private static void append(FloeStore f, long from, long to) {
    try (VectorSchemaRoot b = Rows.batch(f.allocator(), from, to)) {
      f.table("t").append(b);
    }
  }

  /** A fresh client reads exactly these rows, and the table has no orphan (nothing was deleted). */
  @SafeVarargs
  private void assertReadable(List<Long>... ranges) {
    List<Long> expected = new ArrayList<>();
    for (List<Long> r : ranges) {
      expected.addAll(r);
    }
    try (FloeStore fresh = FloeStore.open(LocalStore.open(dir), FloeOptions.defaults())) {
      List<Long> ids = new ArrayList<>(Rows.ids(fresh.table("t").latest()));
      ids.sort(null);
      assertEquals(expected, ids);
      assertEquals(List.of(), fresh.orphans("t").keys(), "the statement left nothing behind");
    }
  }
}
