package dev.floe.storage.table;

import dev.floe.storage.commit.SequencedLog;

/**
 * Where one table's objects live: {@code tables/<b32(name)>.<20-digit gen>/} with {@code log/},
 * {@code manifests/}, {@code segments/} and {@code staged/} under it. A table dropped and created
 * again gets a new generation, so it never shares an object with its predecessor. Keys inside
 * commit records and manifests are relative to the table root.
 *
 * @param name the table name
 * @param generation the catalog generation that created it
 * @param root the table's root prefix, ending with {@code /} (computed once: every key of a scan
 *     is built from it)
 */
record TableLayout(String name, long generation, String root) {
  static final String TABLES = "tables/";

  TableLayout(String name, long generation) {
    this(name, generation, TABLES + TableNames.b32(name) + "." + SequencedLog.pad(generation) + "/");
  }

  String logPrefix() {
    return root() + "log/";
  }

  /** A fresh manifest key, relative to the root. */
  static String newManifest() {
    return "manifests/" + dev.floe.storage.io.Pacing.uuid() + ".mf";
  }

  /** A fresh segment key, relative to the root. */
  static String newSegment() {
    return "segments/" + dev.floe.storage.io.Pacing.uuid() + ".seg";
  }

  /**
   * A fresh staged-segment key, relative to the root, naming the last version its writer knew
   * before writing it ({@code staged/v<since>-<uuid>.seg}): whoever publishes it checks the log's
   * VACUUM records after that version.
   */
  static String newStaged(long since) {
    return "staged/v" + Math.max(since, -1) + "-" + dev.floe.storage.io.Pacing.uuid() + ".seg";
  }

  /** The version a staged key was written after (-1 if unknown: then the whole log is checked). */
  static long stagedSince(String relativeKey) {
    if (!relativeKey.startsWith("staged/v")) {
      return -1;
    }
    int dash = relativeKey.indexOf('-', "staged/v".length() + 1);
    try {
      return dash < 0 ? -1 : Long.parseLong(relativeKey.substring("staged/v".length(), dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The store key of a key relative to the root. */
  String abs(String relative) {
    return root() + relative;
  }
}
