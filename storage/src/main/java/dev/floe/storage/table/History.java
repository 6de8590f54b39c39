package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.Versioned;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The log's summaries, so that listing a table's versions costs O(versions / 100) reads instead of
 * one read per version ({@code docs/format.md} §4.11). A summary {@code history/<20-digit first>.json}
 * holds the {@link VersionInfo} of the 100 versions {@code first .. first + 99} ({@code first} a
 * multiple of 100). It is derived only from those versions' records, which are immutable and never
 * deleted, so it is written once with create-if-absent by whoever read all of them (a listing that
 * found it missing, or VACUUM), and any two writers write the same content; it never changes and is
 * cached like any immutable object. A summary that is missing, unreadable or inconsistent with its
 * key is ignored and the records are read instead: summaries are never needed for correctness.
 */
final class History {
  /** Versions per summary; part of the format. */
  static final int BLOCK = 100;
  static final String PREFIX = "history/";

  private History() {}

  /** The key of the summary whose first version is {@code first} (relative to the table root). */
  static String key(long first) {
    return PREFIX + dev.floe.storage.commit.SequencedLog.pad(first) + ".json";
  }

  /**
   * The summaries of versions {@code 0 .. head}, oldest first: for each complete block its summary
   * (one read, written first if missing), then the records of the incomplete last block.
   *
   * @param h the latest version
   * @param head its record, or null if it is damaged
   * @param read reads one record
   */
  static List<VersionInfo> list(Table t, long h, Versioned<CommitRecord> head, LongFunction<Versioned<CommitRecord>> read) {
    List<VersionInfo> out = new ArrayList<>((int) Math.min(h + 1, Integer.MAX_VALUE));
    long complete = (h + 1) / BLOCK; // blocks whose last version exists
    for (long b = 0; b < complete; b++) {
      long first = b * BLOCK;
      List<VersionInfo> block = read(t, first);
      if (block == null) {
        block = new ArrayList<>(BLOCK);
        for (long v = first; v < first + BLOCK; v++) {
          VersionInfo i = info(v == h ? head : null, v, read);
          if (i != null) {
            block.add(i);
          }
        }
        if (block.size() == BLOCK) {
          write(t, first, block); // a block with a damaged record is never summarized
        }
      }
      out.addAll(block);
    }
    for (long v = complete * BLOCK; v <= h; v++) {
      VersionInfo i = info(v == h ? head : null, v, read);
      if (i != null) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Version {@code v}'s summary, or null if its record is damaged (fails its checks or is missing):
   * a damaged version is left out of the listing, since reading it fails with an error naming it
   * anyway, and it is superseded by a later REPAIR record (§4.12).
   */
  private static VersionInfo info(Versioned<CommitRecord> known, long v, LongFunction<Versioned<CommitRecord>> read) {
    if (known != null) {
      return VersionInfo.of(known.record());
    }
    try {
      return VersionInfo.of(read.apply(v).record());
    } catch (dev.floe.storage.commit.FloeException e) {
      if (e.code() == dev.floe.storage.commit.ErrorCode.CORRUPT_OBJECT
          || e.code() == dev.floe.storage.commit.ErrorCode.MISSING_OBJECT) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Writes the summaries of the complete blocks of {@code records} (versions 0 .. n-1 in order)
   * that are missing; best effort (VACUUM, which has read every record anyway).
   */
  static void writeMissing(Table t, List<CommitRecord> records) {
    java.util.Set<String> present = new java.util.HashSet<>();
    String root = t.layout().root();
    try (java.util.stream.Stream<dev.floe.storage.io.ObjectInfo> s = t.env().store().list(root + PREFIX, null)) {
      s.forEach(i -> present.add(i.key().substring(root.length())));
    } catch (StoreException e) {
      return;
    }
    for (long first = 0; first + BLOCK <= records.size(); first += BLOCK) {
      if (!present.contains(key(first))) {
        List<VersionInfo> block = new ArrayList<>(BLOCK);
        for (int v = (int) first; v < first + BLOCK; v++) {
          block.add(VersionInfo.of(records.get(v)));
        }
        write(t, first, block);
      }
    }
  }

  /** The summary of the block starting at {@code first}, or null if it is missing or unusable. */
  private static List<VersionInfo> read(Table t, long first) {
    String key = t.layout().abs(key(first));
    byte[] bytes;
    try {
      bytes = t.env().store().get(key);
    } catch (ObjectNotFoundException e) {
      return null;
    } catch (StoreException e) {
      if (e.kind() == StoreException.Kind.NOT_FOUND) {
        return null;
      }
      throw StoreErrors.wrap(e);
    }
    try {
      JsonNode o = Json.parse(key, t.env().location(), "history summary", bytes, t.env().legacyJson());
      if (o.path("format").asInt() != 1 || o.path("first").asLong(-1) != first) {
        return null;
      }
      List<VersionInfo> out = new ArrayList<>(BLOCK);
      for (JsonNode e : Json.req(o, "versions")) {
        out.add(new VersionInfo(e.get("version").asLong(), e.get("hlc").asLong(),
            Operation.valueOf(e.get("operation").asText()), e.get("txnId").asText(),
            e.path("writerId").isNull() ? null : e.path("writerId").asText(null), e.get("rowCount").asLong(),
            e.get("rowsAdded").asLong(), e.get("rowsRemoved").asLong()));
      }
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).version() != first + i) {
          return null;
        }
      }
      return out.size() == BLOCK ? out : null;
    } catch (RuntimeException e) {
      return null; // unusable: the records are the truth
    }
  }

  private static void write(Table t, long first, List<VersionInfo> block) {
    ObjectNode o = Json.object();
    o.put("format", 1);
    o.put("first", first);
    ArrayNode a = o.putArray("versions");
    for (VersionInfo i : block) {
      ObjectNode e = a.addObject();
      e.put("version", i.version());
      e.put("hlc", i.hlc());
      e.put("operation", i.operation().name());
      e.put("txnId", i.txnId());
      e.put("writerId", i.writerId());
      e.put("rowCount", i.rowCount());
      e.put("rowsAdded", i.rowsAdded());
      e.put("rowsRemoved", i.rowsRemoved());
    }
    try {
      t.env().store().putIfAbsent(t.layout().abs(key(first)), Json.bytes(o));
    } catch (StoreException e) {
      // best effort: a read-only credential, or a lost reply; the next listing tries again
    }
  }
}
