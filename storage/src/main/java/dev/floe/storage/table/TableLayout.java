package dev.floe.storage.table;

import dev.floe.storage.commit.SequencedLog;
import java.util.UUID;

/**
 * Where one table's objects live: {@code tables/<b32(name)>.<20-digit gen>/} with {@code log/},
 * {@code manifests/}, {@code segments/} and {@code staged/} under it. A table dropped and created
 * again gets a new generation, so it never shares an object with its predecessor. Keys inside
 * commit records and manifests are relative to the table root.
 *
 * @param name the table name
 * @param generation the catalog generation that created it
 */
record TableLayout(String name, long generation) {
  static final String TABLES = "tables/";

  /** The table's root prefix, ending with {@code /}. */
  String root() {
    return TABLES + TableNames.b32(name) + "." + SequencedLog.pad(generation) + "/";
  }

  String logPrefix() {
    return root() + "log/";
  }

  /** A fresh manifest key, relative to the root. */
  static String newManifest() {
    return "manifests/" + UUID.randomUUID() + ".mf";
  }

  /** A fresh segment key, relative to the root. */
  static String newSegment() {
    return "segments/" + UUID.randomUUID() + ".seg";
  }

  /** A fresh staged-segment key, relative to the root. */
  static String newStaged() {
    return "staged/" + UUID.randomUUID() + ".seg";
  }

  /** The store key of a key relative to the root. */
  String abs(String relative) {
    return root() + relative;
  }
}
