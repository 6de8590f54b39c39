package dev.floe.storage.table;

import dev.floe.storage.Column;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.Versioned;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pure part of each table operation: the next record's manifest list, schema and counts from
 * a base record. Each method depends only on the base and on objects the statement wrote itself
 * (recompute, never patch); the HLC and the common fields are filled in by {@link Table}.
 */
final class Changes {
  private Changes() {}

  /** What an operation changes; the rest of the record is common. */
  record Change(List<ManifestRef> manifests, Schema schema, int schemaId, long rowCount, long added, long removed) {}

  /** The base's data unchanged (VACUUM). */
  static Change same(Versioned<CommitRecord> base) {
    CommitRecord b = base.record();
    return new Change(b.manifests(), b.schema(), b.schemaId(), b.rowCount(), 0, 0);
  }

  /** APPEND (and COMMIT_STAGED): the base's list plus one manifest; commutes with everything. */
  static Change append(Versioned<CommitRecord> base, Statement st, ManifestRef mine, int bound) {
    CommitRecord b = base.record();
    List<ManifestRef> list = new ArrayList<>(b.manifests());
    list.add(mine);
    list = mergeOpportunistically(list, st, bound);
    return new Change(list, b.schema(), b.schemaId(), b.rowCount() + mine.rows(), mine.rows(), 0);
  }

  /**
   * A rewrite (DELETE, UPDATE, OVERWRITE, COMPACT, a transaction): removes the segments {@code
   * removed} (identities, {@link SegmentEntry#identity}: the key and the deletion vector read) from
   * whichever manifests of the base hold them now, adds each of {@code deletes}' positions to the
   * deletion vector of the segment with that key, and adds {@code added} (may be null). Manifests
   * changed are rewritten; the others are kept by reference. The summary counts are the statement's
   * logical rows (-1: the rows of the removed and added segments and the positions deleted).
   *
   * @throws CommitConflictException (not retryable) if a removed segment is in no manifest of the
   *     base with the deletion vector the statement read (a concurrent commit replaced it, or
   *     deleted or updated more of its rows), or if a segment to delete rows from is gone or a
   *     concurrent commit already deleted or updated one of those rows
   */
  static Change rewrite(Versioned<CommitRecord> base, Statement st, Set<String> removed, ManifestRef added,
      long summaryAdded, long summaryRemoved) {
    return rewrite(base, st, removed, java.util.Map.of(), added, summaryAdded, summaryRemoved);
  }

  static Change rewrite(Versioned<CommitRecord> base, Statement st, Set<String> removed,
      java.util.Map<String, int[]> deletes, ManifestRef added, long summaryAdded, long summaryRemoved) {
    CommitRecord b = base.record();
    Set<String> missing = new LinkedHashSet<>(removed);
    Set<String> undeleted = new LinkedHashSet<>(deletes.keySet());
    long removedRows = 0;
    List<ManifestRef> out = new ArrayList<>();
    for (ManifestRef ref : b.manifests()) {
      if (st.cleanManifests.contains(ref.key())) {
        out.add(ref);
        continue;
      }
      Manifest m = st.manifests.load(ref);
      List<SegmentEntry> keep = new ArrayList<>();
      boolean changed = false;
      for (SegmentEntry e : m.segments()) {
        int[] mine = deletes.get(e.key());
        if (removed.contains(e.identity())) {
          missing.remove(e.identity());
          removedRows += e.liveRows();
          changed = true;
        } else if (mine != null) {
          if (Deletions.intersect(e.deletedUnsafe(), mine)) {
            throw new CommitConflictException(false, st.layout.abs(e.key()), "a row of segment '"
                + st.layout.abs(e.key()) + "' that this statement deleted or updated was deleted or updated by a"
                + " concurrent commit (now at version " + base.version() + "); nothing was changed; run the"
                + " statement again against the new version");
          }
          undeleted.remove(e.key());
          keep.add(e.withDeleted(Deletions.union(e.deletedUnsafe(), mine)));
          removedRows += mine.length;
          changed = true;
        } else {
          keep.add(e);
        }
      }
      if (!changed) {
        out.add(ref);
      } else if (!keep.isEmpty()) {
        out.add(st.rewritten.computeIfAbsent(ref.key(), k -> st.writeManifest(new Manifest(keep))));
      }
    }
    missing.addAll(undeleted);
    if (!missing.isEmpty()) {
      String first = missing.iterator().next().replaceFirst("#.*", "");
      throw new CommitConflictException(false, st.layout.abs(first),
          "segment '" + st.layout.abs(first) + "' that this statement read was replaced or removed, or more of"
              + " its rows deleted, by a concurrent commit (now at version " + base.version() + "); nothing was"
              + " changed; run the statement again against the new version");
    }
    long addedRows = 0;
    if (added != null) {
      out.add(added);
      addedRows = added.rows();
    }
    return new Change(out, b.schema(), b.schemaId(), b.rowCount() - removedRows + addedRows,
        summaryAdded < 0 ? addedRows : summaryAdded, summaryRemoved < 0 ? removedRows : summaryRemoved);
  }

  /**
   * ADD COLUMN, recomputed from the base schema: the column gets the next unused id of the base, so
   * two concurrent ADD COLUMNs of different names both survive.
   *
   * @throws FloeException {@link ErrorCode#COLUMN_EXISTS} if the base already has the name;
   *     {@link ErrorCode#NOT_NULL_VIOLATION} for a NOT NULL column on a table with rows
   */
  static Change addColumn(Versioned<CommitRecord> base, String name, dev.floe.storage.ColumnType type, boolean nullable,
      int maxLength) {
    CommitRecord b = base.record();
    if (b.schema().byName(name).isPresent()) {
      throw new FloeException(ErrorCode.COLUMN_EXISTS, "column '" + name + "' already exists in the"
          + " table (version " + base.version() + "); choose another name");
    }
    if (!nullable && b.rowCount() > 0) {
      throw new FloeException(ErrorCode.NOT_NULL_VIOLATION, "cannot add NOT NULL column '" + name
          + "' to a table with " + b.rowCount() + " rows: existing rows would read it as NULL; add"
          + " it as nullable");
    }
    Schema next = b.schema().withColumn(new Column(b.schema().nextColumnId(), name, type, nullable, null, maxLength));
    return new Change(b.manifests(), next, b.schemaId() + 1, b.rowCount(), 0, 0);
  }

  /** ALTER_KEYS: the base's data with the schema {@code next} (computed from the base's). */
  static Change schema(Versioned<CommitRecord> base, Schema next) {
    CommitRecord b = base.record();
    return new Change(b.manifests(), next, b.schemaId() + 1, b.rowCount(), 0, 0);
  }

  /** DROP: a tombstone; keeps the list so that time travel before the drop still works. */
  static Change tombstone(Versioned<CommitRecord> base) {
    CommitRecord b = base.record();
    return new Change(b.manifests(), b.schema(), b.schemaId(), b.rowCount(), 0, 0);
  }

  /**
   * Past {@code bound} manifests, merges the smallest into one, on the statement's first attempt
   * only. On later attempts the merge is kept if all its sources are still in the list and
   * dropped otherwise; it is never redone.
   */
  static List<ManifestRef> mergeOpportunistically(List<ManifestRef> list, Statement st, int bound) {
    if (st.merged != null) {
      if (!list.containsAll(st.mergeSources)) {
        return list;
      }
      return replace(list, st.mergeSources, st.merged);
    }
    if (st.mergeTried || list.size() <= bound) {
      return list;
    }
    st.mergeTried = true;
    int k = list.size() - bound / 2 + 1;
    List<ManifestRef> sources = list.stream()
        .sorted(Comparator.comparingInt(ManifestRef::segments))
        .limit(k)
        .toList();
    Set<ManifestRef> chosen = new HashSet<>(sources);
    List<SegmentEntry> entries = new ArrayList<>();
    List<ManifestRef> ordered = new ArrayList<>();
    for (ManifestRef ref : list) {
      if (chosen.contains(ref)) {
        ordered.add(ref);
        entries.addAll(st.manifests.load(ref).segments());
      }
    }
    st.mergeSources = ordered;
    st.merged = st.writeManifest(new Manifest(entries));
    return replace(list, ordered, st.merged);
  }

  private static List<ManifestRef> replace(List<ManifestRef> list, List<ManifestRef> sources, ManifestRef merged) {
    Set<ManifestRef> s = new HashSet<>(sources);
    List<ManifestRef> out = new ArrayList<>();
    boolean placed = false;
    for (ManifestRef ref : list) {
      if (s.contains(ref)) {
        if (!placed) {
          out.add(merged);
          placed = true;
        }
      } else {
        out.add(ref);
      }
    }
    return out;
  }
}
