package dev.floe.storage.table;

import java.util.List;

/**
 * An immutable list of segment entries, stored once as {@code manifests/<uuid>.mf} and referenced
 * from commit records by key. An append writes one new manifest; a rewrite replaces the manifests
 * that held the segments it removed.
 *
 * @param segments the entries, in the order they were written
 */
record Manifest(List<SegmentEntry> segments) {
  Manifest {
    segments = List.copyOf(segments);
  }

  /** The rows that exist: every segment's rows less its deleted ones. */
  long rowCount() {
    return segments.stream().mapToLong(SegmentEntry::liveRows).sum();
  }

  long sizeBytes() {
    return segments.stream().mapToLong(SegmentEntry::sizeBytes).sum();
  }
}
