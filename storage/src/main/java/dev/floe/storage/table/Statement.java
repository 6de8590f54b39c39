package dev.floe.storage.table;

import dev.floe.storage.commit.TxnId;
import dev.floe.storage.io.StoreException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One statement against one table: its txnId (kept across retries) and the objects it wrote, so
 * that after a definite failure they can be deleted and after success the ones no record
 * references (a manifest rewritten for a base that lost) can be. After an unknown outcome nothing
 * is deleted.
 */
final class Statement {
  final TxnId txn;
  /**
   * The roots of every table of the multi-table transaction this statement's commit belongs to
   * (empty: a commit of its own, which needs no decision).
   */
  final List<String> transaction;
  final Env env;
  final TableLayout layout;
  final Manifests manifests;
  /** Manifests rewritten by this statement, by the key of the manifest they replace. */
  final Map<String, ManifestRef> rewritten = new HashMap<>();
  /**
   * Keys of manifests of the version the statement read that hold none of the segments it removes:
   * a rewrite keeps them by reference without reading them.
   */
  final java.util.Set<String> cleanManifests = new java.util.HashSet<>();
  /** An opportunistic merge: its sources and the merged manifest. */
  List<ManifestRef> mergeSources;
  ManifestRef merged;
  boolean mergeTried;

  private final List<String> writtenSegments = new CopyOnWriteArrayList<>();
  private final List<String> writtenManifests = new CopyOnWriteArrayList<>();
  /** Staged segments (written earlier, maybe by another statement) that this commit publishes. */
  private final java.util.Set<String> publishedStaged = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * The latest version this client knew of before the statement wrote anything (-1 if none): a
   * VACUUM record after it may announce the deletion of objects the statement wrote, so the commit
   * checks the records after it (DESIGN §9).
   */
  final long startVersion;

  Statement(Env env, TableLayout layout, Manifests manifests, long startVersion) {
    this(env, layout, manifests, startVersion, TxnId.random(), List.of());
  }

  Statement(Env env, TableLayout layout, Manifests manifests, long startVersion, TxnId txn, List<String> transaction) {
    this.txn = txn;
    this.transaction = List.copyOf(transaction);
    this.env = env;
    this.layout = layout;
    this.manifests = manifests;
    this.startVersion = startVersion;
  }

  /** Records that the commit will reference staged segments written before it. */
  void publishes(List<SegmentEntry> entries) {
    for (SegmentEntry e : entries) {
      if (e.key().startsWith("staged/")) {
        publishedStaged.add(e.key());
      }
    }
  }

  /** Every object the commit will newly reference (relative keys). */
  java.util.Set<String> newKeys() {
    java.util.Set<String> keys = new java.util.HashSet<>(writtenSegments);
    keys.addAll(writtenManifests);
    keys.addAll(publishedStaged);
    return keys;
  }

  /** The version after which the log must be checked for VACUUM records before committing. */
  long checkAfter() {
    long after = startVersion;
    for (String k : publishedStaged) {
      after = Math.min(after, TableLayout.stagedSince(k));
    }
    return after;
  }

  ManifestRef writeManifest(Manifest m) {
    ManifestRef ref = manifests.write(m);
    writtenManifests.add(ref.key());
    return ref;
  }

  void wroteSegment(String relativeKey) {
    writtenSegments.add(relativeKey);
  }

  /** After a definite failure: deletes every object this statement wrote. Best effort. */
  void abandon() {
    writtenManifests.forEach(this::deleteQuietly);
    writtenSegments.forEach(this::deleteQuietly);
  }

  /** After a commit: deletes the manifests this statement wrote that the record does not list. */
  void tidy(CommitRecord committed) {
    for (String k : writtenManifests) {
      if (committed.manifests().stream().noneMatch(m -> m.key().equals(k))) {
        deleteQuietly(k);
      }
    }
  }

  private void deleteQuietly(String relativeKey) {
    try {
      env.store().delete(layout.abs(relativeKey));
    } catch (StoreException e) {
      // an orphan for VACUUM to find
    }
  }
}
