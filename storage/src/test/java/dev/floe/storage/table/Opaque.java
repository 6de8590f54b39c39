package dev.floe.storage.table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes through the protocol with segments whose bytes are opaque: each carries a label in its
 * footer, so tests can check that every appended segment is present exactly once without decoding
 * columns. Used by the protocol tests, which must not depend on the segment format.
 */
final class Opaque {
  private Opaque() {}

  static SegmentEntry write(Table t, Statement st, String label, long rows) {
    byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
    String key = TableLayout.newSegment();
    t.env().store().put(t.layout().abs(key), bytes);
    st.wroteSegment(key);
    return new SegmentEntry(key, rows, bytes.length, bytes);
  }

  static CommitResult append(Table t, String label, long rows) {
    Statement st = t.statement();
    SegmentEntry e = write(t, st, label, rows);
    return t.appendEntries(Operation.APPEND, st, List.of(e));
  }

  /** Replaces the segments labelled in {@code labels} (as read at {@code read}) by {@code replacement} (null: none). */
  static CommitResult rewrite(Table t, TableVersion read, Set<String> labels, String replacement, long rows) {
    Statement st = t.statement();
    Set<String> removed = new java.util.HashSet<>();
    for (SegmentEntry e : read.segments()) {
      if (labels.contains(label(e))) {
        removed.add(e.key());
      }
    }
    List<SegmentEntry> added = new ArrayList<>();
    if (replacement != null) {
      added.add(write(t, st, replacement, rows));
    }
    return t.rewrite(Operation.DELETE, st, read, removed, added);
  }

  static String label(SegmentEntry e) {
    return new String(e.footer(), StandardCharsets.UTF_8);
  }

  static List<String> labels(TableVersion v) {
    return v.segments().stream().map(Opaque::label).sorted().toList();
  }
}
