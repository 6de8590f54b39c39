package dev.floe.storage.table;

import dev.floe.storage.segment.Predicate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One transaction's uncommitted changes to one table: segments of the table it has removed (their
 * rows deleted or replaced) and staged segments it has added (inserted rows and the replacements
 * its DELETEs and UPDATEs wrote). Nothing is visible to anyone else until {@link #commit}, which
 * publishes all of it in one commit; {@link #discard} forgets it (the staged objects become
 * orphans that VACUUM removes).
 *
 * <p>Reads through {@link #scan} see the latest version as changed by the transaction. Conflicts
 * follow first-committer-wins: if a concurrent commit replaced or removed a segment the
 * transaction removed, {@link #commit} fails with a non-retryable {@link
 * dev.floe.storage.commit.CommitConflictException} and nothing is published; appends by others
 * never conflict. Thread-safe.
 */
public final class PendingChanges {
  private final Table table;
  /** Committed segments removed whole, by key: the identity of the entry as read. */
  private final java.util.Map<String, String> removed = new java.util.LinkedHashMap<>();
  /** Rows deleted or updated in committed segments, by key: positions for their deletion vectors. */
  private final java.util.Map<String, int[]> deletes = new java.util.LinkedHashMap<>();
  /** Manifests every rewrite so far skipped by their stats (null: no rewrite yet). */
  private Set<String> unread;
  private final List<SegmentEntry> added = new ArrayList<>();
  private final Set<Operation> kinds = EnumSet.noneOf(Operation.class);
  private long rowsAdded;
  private long rowsRemoved;

  public PendingChanges(Table table) {
    this.table = table;
  }

  /** The table these changes are for. */
  public Table table() {
    return table;
  }

  /** Whether there is nothing to commit. */
  public synchronized boolean isEmpty() {
    return removed.isEmpty() && deletes.isEmpty() && added.isEmpty();
  }

  /** Adds inserted rows, already staged ({@link Table#stage}) by this transaction. */
  public synchronized void addStaged(List<SegmentEntry> staged) {
    for (SegmentEntry e : staged) {
      if (!added.contains(e)) {
        added.add(e);
        rowsAdded += e.rowCount();
        kinds.add(Operation.APPEND);
      }
    }
  }

  /** Segments this transaction has staged and not yet published. */
  public synchronized List<SegmentEntry> staged() {
    return List.copyOf(added);
  }

  /**
   * Scans {@code base} (the latest version when the statement started) as this transaction has
   * changed it: without the segments it removed, with the ones it staged.
   */
  public synchronized TableScan scan(TableVersion base, List<String> columns, Predicate where) {
    return new TableScan(base, columns, where, table.allocator(), List.copyOf(added), Set.copyOf(removed.keySet()),
        java.util.Map.copyOf(deletes));
  }

  /**
   * Deletes ({@code assigned} null) or updates the rows of {@code base}, as this transaction has
   * changed it, that {@code where} selects and {@code rows} (null: all of those) accepts. Writes
   * replacement segments as staged objects; commits nothing.
   *
   * @return the number of rows deleted or updated
   */
  public synchronized long rewrite(TableVersion base, Predicate where, RowFilter rows, List<String> assigned,
      RowUpdate update) {
    Predicate matching = where == null ? Predicate.TRUE : where;
    List<SegmentEntry> candidates = new ArrayList<>();
    java.util.Map<String, SegmentEntry> committed = new java.util.HashMap<>();
    for (SegmentEntry e : candidateSegments(base, matching)) {
      if (removed.containsKey(e.key())) {
        continue;
      }
      committed.put(e.key(), e);
      int[] mine = deletes.get(e.key());
      candidates.add(mine == null ? e : e.withDeleted(Deletions.union(e.deletedUnsafe(), mine)));
    }
    candidates.addAll(added);
    Statement st = table.statement();
    TableData.Rewritten out;
    try {
      out = TableData.rewriteSegments(table, st, base.schema(), candidates, matching, rows, assigned, update, true,
          committed.keySet(), table.allocator());
    } catch (RuntimeException e) {
      st.abandon();
      throw e;
    }
    for (String identity : out.replaced()) {
      String key = identity.replaceFirst("#.*", "");
      SegmentEntry read = committed.get(key);
      if (read != null) {
        removed.put(key, read.identity()); // every row of it deleted: the segment goes whole
        deletes.remove(key);
      } else if (added.removeIf(e -> e.key().equals(key))) {
        forget(key); // staged by this transaction and never published: nobody else can need it
      }
    }
    out.marked().forEach((key, positions) -> {
      int[] all = Deletions.union(deletes.getOrDefault(key, Deletions.NONE), positions);
      SegmentEntry read = committed.get(key);
      if (Deletions.union(read.deletedUnsafe(), all).length == read.rowCount()) {
        removed.put(key, read.identity()); // no row of it left: remove it rather than mark every row
        deletes.remove(key);
      } else {
        deletes.put(key, all);
      }
    });
    added.addAll(out.added());
    if (out.matched() > 0) {
      kinds.add(assigned == null ? Operation.DELETE : Operation.UPDATE);
      rowsRemoved += out.matched();
      if (assigned != null) {
        rowsAdded += out.matched();
      }
    }
    return out.matched();
  }

  /**
   * Publishes every change in one commit against the latest version and forgets them; empty if
   * there was nothing to commit. Inserts alone commit as COMMIT_STAGED and never conflict.
   *
   * @throws dev.floe.storage.commit.CommitConflictException (40001, not retryable) if a concurrent
   *     commit replaced or removed a segment this transaction removed; nothing was published and
   *     the changes are forgotten
   */
  public synchronized Optional<CommitResult> commit() {
    try {
      return publish(table.statement());
    } catch (dev.floe.storage.commit.CommitConflictException e) {
      rollback(); // definitely not published: what this transaction staged can go
      throw e;
    } finally {
      discard();
    }
  }

  /**
   * Writes this table's participant record of the multi-table transaction {@code txn} over the
   * tables {@code transaction} (roots), which counts only once the transaction's decision says so
   * ({@link MultiTableCommit}); keeps the changes (the caller may prepare them again under another
   * txnId, and discards them at the end), deleting nothing.
   */
  synchronized Optional<CommitResult> prepare(dev.floe.storage.commit.TxnId txn, List<String> transaction) {
    return publish(table.statement(txn, transaction));
  }

  /**
   * The segments of {@code base} in manifests whose stats may match {@code where}; the manifests
   * skipped are not fetched, and are remembered so that the commit keeps them by reference unread if
   * every rewrite of this transaction skipped them (none of their segments can have changed).
   */
  private List<SegmentEntry> candidateSegments(TableVersion base, Predicate where) {
    Set<String> skipped = new java.util.HashSet<>();
    List<SegmentEntry> out = new ArrayList<>();
    try {
      for (ManifestRef ref : base.record().manifests()) {
        if (ref.statsUnsafe() != null && !where.mayMatch(ParsedFooters.of(ref.statsUnsafe(), table.layout(), ref.key()))) {
          skipped.add(ref.key());
        } else {
          out.addAll(table.manifests().load(ref).segments());
        }
      }
    } catch (dev.floe.storage.commit.FloeException e) {
      throw base.expiredOr(e);
    }
    if (unread == null) {
      unread = skipped;
    } else {
      unread.retainAll(skipped);
    }
    return out;
  }

  private Optional<CommitResult> publish(Statement st) {
    if (unread != null) {
      st.cleanManifests.addAll(unread);
    }
    if (removed.isEmpty() && deletes.isEmpty()) {
      return added.isEmpty() ? Optional.empty() : Optional.of(table.commitStaged(st, List.copyOf(added)));
    }
    Operation op = kinds.size() == 1 ? kinds.iterator().next() : Operation.TRANSACTION;
    return Optional.of(table.rewrite(op, st, table.latest(), Set.copyOf(removed.values()), java.util.Map.copyOf(deletes),
        List.copyOf(added), rowsAdded, rowsRemoved));
  }

  /**
   * ROLLBACK: forgets every change and deletes the staged objects, best effort (what is left, VACUUM
   * removes). Not for a commit that failed with an unknown outcome: it may have published them.
   */
  public synchronized void rollback() {
    for (SegmentEntry e : added) {
      forget(e.key());
    }
    discard();
  }

  private void forget(String key) {
    try {
      table.env().store().delete(table.layout().abs(key));
    } catch (RuntimeException e) {
      // an orphan for VACUUM
    }
  }

  /** Forgets every change without deleting anything; nothing was published by this object. */
  public synchronized void discard() {
    removed.clear();
    deletes.clear();
    unread = null;
    added.clear();
    kinds.clear();
    rowsAdded = 0;
    rowsRemoved = 0;
  }
}
