package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.Hlc;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.TxnId;
import dev.floe.storage.commit.Versioned;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * VACUUM of one table, announce-then-delete (DESIGN §9): it computes what no retained version
 * references, writes that list as {@code vacuum/<txnId>.json}, commits a VACUUM record (same data
 * as its parent) that points to the list by its txnId, and deletes only after that record landed.
 * Writers check the VACUUM records committed after they started ({@link #checkNotAnnounced}) and
 * fail with a retryable conflict rather than reference an announced object.
 *
 * <p>Ages come from the store's own clock: "now" is the store time of the hint VACUUM writes, and
 * objects are compared by their store modification times. A version expires only when it is older
 * than the retained count, stopped being the latest more than the grace period ago, and no
 * snapshot pins it; log records are never deleted. A crash at any point leaves a valid table: before
 * the record lands nothing was deleted (the list object is an orphan the next VACUUM removes), after
 * it only unreferenced objects were.
 */
final class Vacuum {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Vacuum.class);

  static final String PREFIX = "vacuum/";
  private static final int RESTARTS = 5;

  private Vacuum() {}

  /** What a VACUUM record announced. */
  record Announcement(Set<String> keys, Set<Long> expired) {}

  /** The list object of the VACUUM committed by {@code txn} (relative to the table root). */
  static String listKey(TxnId txn) {
    return PREFIX + txn.value() + ".json";
  }

  /**
   * Which VACUUM expired version {@code v} of {@code t}: the VACUUM's version and time, and the
   * oldest version no VACUUM has expired.
   */
  record Expiry(long vacuumVersion, java.time.Instant vacuumTime, long oldestReadable) {}

  /** The VACUUM after {@code v} whose list expired it, if any: reads the log from {@code v + 1} to the head. */
  static java.util.Optional<Expiry> expiry(Table t, long v) {
    Versioned<CommitRecord> h = t.head();
    Set<Long> expired = new HashSet<>();
    Expiry found = null;
    for (long i = v + 1; i <= h.version(); i++) {
      CommitRecord r = i == h.version() ? h.record() : t.loop().read(i).record();
      if (r.operation() == Operation.VACUUM) {
        Set<Long> these = announcement(t, r).expired();
        expired.addAll(these);
        if (found == null && these.contains(v)) {
          found = new Expiry(i, Hlc.instant(r.hlc()), -1);
        }
      }
    }
    if (found == null) {
      return java.util.Optional.empty();
    }
    long oldest = v + 1;
    while (expired.contains(oldest)) {
      oldest++;
    }
    return java.util.Optional.of(new Expiry(found.vacuumVersion(), found.vacuumTime(), oldest));
  }

  /** Reads what the VACUUM record {@code r} announced. */
  static Announcement announcement(Table t, CommitRecord r) {
    String key = t.layout().abs(listKey(r.txnId()));
    byte[] bytes;
    try {
      bytes = t.env().store().get(key);
    } catch (ObjectNotFoundException e) {
      throw StoreErrors.missing(key, t.env().location(), "VACUUM list", e);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    JsonNode o = Json.parse(key, t.env().location(), "VACUUM list", bytes, t.env().legacyJson());
    Set<String> keys = new HashSet<>();
    Json.req(o, "keys").forEach(k -> keys.add(k.asText()));
    Set<Long> expired = new HashSet<>();
    Json.req(o, "expired").forEach(v -> expired.add(v.asLong()));
    return new Announcement(keys, expired);
  }

  /**
   * The writer's check before each commit attempt: no VACUUM record in {@code (after, base]}
   * announced an object the statement will reference.
   *
   * @return {@code base}'s version, the new "checked through"
   * @throws CommitConflictException (retryable) if one did: the statement ran longer than the grace
   *     period and its objects are being deleted; nothing of it is committed
   */
  static long checkNotAnnounced(Table t, Statement st, long after, Versioned<CommitRecord> base) {
    Set<String> mine = null;
    for (long w = after + 1; w <= base.version(); w++) {
      CommitRecord r = w == base.version() ? base.record() : t.loop().read(w).record();
      if (r.operation() != Operation.VACUUM) {
        continue;
      }
      if (mine == null) {
        mine = st.newKeys();
      }
      if (mine.isEmpty()) {
        break;
      }
      Announcement a = announcement(t, r);
      for (String k : mine) {
        if (a.keys().contains(k)) {
          throw new CommitConflictException(true, t.layout().abs(k), "the statement's write to table '" + t.name()
              + "' ran longer than VACUUM's grace period, and VACUUM (version " + w + ") is deleting what it"
              + " wrote; nothing of it was committed; run it again");
        }
      }
    }
    return Math.max(after, base.version());
  }

  /** Thrown inside the commit when the head moved since VACUUM computed its list. */
  private static final class HeadMoved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HeadMoved() {
      super(null, null, false, false);
    }
  }

  /**
   * Vacuums {@code t}.
   *
   * @param pinned versions snapshots pin now
   * @param pinnedAgain the pinned versions read again after the record landed (a snapshot created
   *     meanwhile keeps what it needs)
   */
  static VacuumReport run(Table t, VacuumOptions o, Set<Long> pinned, Supplier<Set<Long>> pinnedAgain) {
    for (int attempt = 1; ; attempt++) {
      try {
        VacuumReport r = once(t, o, pinned, pinnedAgain);
        if (!o.dryRun()) {
          deleteLeftovers(t, o);
        }
        return r;
      } catch (HeadMoved moved) {
        if (attempt >= RESTARTS) {
          throw new CommitConflictException(true, "VACUUM of table '" + t.name() + "' lost " + attempt
              + " times in a row to concurrent commits; nothing was deleted; run it again when the table is quieter");
        }
      }
    }
  }

  /**
   * Deletes the store's own leftovers older than the grace period by store time (the temp files of
   * killed writers in a local folder; see {@link dev.floe.storage.io.ObjectStore#deleteLeftovers}).
   * Best effort and logged: they are invisible to every reader, so a failure only leaves them for
   * the next VACUUM.
   */
  private static void deleteLeftovers(Table t, VacuumOptions o) {
    try {
      Instant now = t.env().clock().now().orElse(null);
      if (now == null) {
        return;
      }
      List<String> gone = t.env().store().deleteLeftovers(now.minus(o.grace()));
      if (!gone.isEmpty()) {
        LOG.info("VACUUM deleted {} leftover temp files of killed writers in {}", gone.size(), t.env().location());
      }
    } catch (StoreException e) {
      LOG.warn("VACUUM could not delete leftover temp files in {}: {}", t.env().location(), e.getMessage());
    }
  }

  /**
   * Version {@code v}'s record, or for a damaged one (superseded by a REPAIR record: it cannot be
   * read by anyone) a stand-in that references nothing, with its predecessor's schema and time.
   */
  private static CommitRecord recordOrStandIn(Table t, long v, CommitRecord previous, boolean[] damaged) {
    try {
      return t.loop().read(v).record();
    } catch (dev.floe.storage.commit.FloeException e) {
      if (e.code() != dev.floe.storage.commit.ErrorCode.CORRUPT_OBJECT || previous == null) {
        throw e;
      }
      damaged[0] = true;
      return new CommitRecord(v, v - 1, previous.txnId(), Operation.REPAIR, List.of(), previous.schema(),
          previous.schemaId(), previous.rowCount(), previous.hlc(), previous.writerId(), 0, 0);
    }
  }

  /**
   * The store's time now: the reply time of a refreshed hint, or, where the hint cannot be written
   * (a read-only client's dry run), this client's estimate from its last observation.
   *
   * @throws FloeException {@link ErrorCode#READ_ONLY} if this client can neither write nor has
   *     observed the store's time; {@link ErrorCode#STORE_ERROR} if the write failed otherwise
   */
  static Instant storeNow(Table t, Versioned<CommitRecord> h) {
    Instant now = t.loop().writeHint(h);
    if (now != null) {
      t.env().clock().observe(now);
      return now;
    }
    return t.env().clock().now().orElseThrow(() -> new FloeException(t.env().raw() instanceof dev.floe.storage.io.WriteGate g
        && !g.writable() ? ErrorCode.READ_ONLY : ErrorCode.STORE_ERROR, t.loop().log().hintKey(),
        "VACUUM of table '" + t.name() + "' could not learn the store's time: writing the log's hint failed, and this"
            + " client has not observed the store's time before; run it on a writable connection, or again", null));
  }

  private static VacuumReport once(Table t, VacuumOptions o, Set<Long> pinned, Supplier<Set<Long>> pinnedAgain) {
    Versioned<CommitRecord> h = t.head();
    if (h.record().tombstone()) {
      throw t.dropped(h);
    }
    Instant now;
    try {
      now = storeNow(t, h);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    Instant cutoff = now.minus(o.grace());

    List<CommitRecord> records = new ArrayList<>();
    boolean[] damaged = {false};
    for (long v = 0; v < h.version(); v++) {
      records.add(recordOrStandIn(t, v, records.isEmpty() ? null : records.get(records.size() - 1), damaged));
    }
    records.add(h.record());
    if (!o.dryRun() && !damaged[0]) { // a stand-in must never reach a summary
      History.writeMissing(t, records); // every record was read anyway: later listings read 1 in 100
    }
    Set<Long> alreadyExpired = new HashSet<>();
    Set<String> lists = new HashSet<>(); // the lists of landed VACUUM records: kept, writers and 72000 read them
    for (CommitRecord r : records) {
      if (r.operation() == Operation.VACUUM) {
        alreadyExpired.addAll(announcement(t, r).expired());
        lists.add(listKey(r.txnId()));
      }
    }
    List<Long> expired = new ArrayList<>();
    Set<String> referenced = new HashSet<>();
    Set<String> seenManifests = new HashSet<>();
    Instant ageCutoff = o.retainAge() == null ? null : now.minus(o.retainAge());
    for (CommitRecord r : records) {
      long v = r.version();
      boolean old = expires(o, v, h.version(), v < h.version() ? records.get((int) v + 1).hlc() : 0, cutoff, ageCutoff);
      if (old && !pinned.contains(v)) {
        if (!alreadyExpired.contains(v)) {
          expired.add(v);
        }
        continue;
      }
      if (alreadyExpired.contains(v) && !pinned.contains(v)) {
        continue;
      }
      references(t, r, referenced, seenManifests);
    }
    List<String> doomed = new ArrayList<>();
    long bytes = 0;
    String root = t.layout().root();
    try (Stream<ObjectInfo> s = t.env().store().list(root, null)) {
      for (ObjectInfo i : (Iterable<ObjectInfo>) s::iterator) {
        String rel = i.key().substring(root.length());
        // a list no record names is a VACUUM's that crashed or lost before its record: an orphan
        if (i.key().startsWith(t.layout().logPrefix()) || lists.contains(rel) || rel.startsWith(History.PREFIX)
            || referenced.contains(rel)
            || i.lastModified() == null || !i.lastModified().isBefore(cutoff)) {
          continue;
        }
        doomed.add(rel);
        bytes += i.size();
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    if (o.dryRun() || (doomed.isEmpty() && expired.isEmpty())) {
      return new VacuumReport(t.name(), -1, doomed, bytes, expired, List.of());
    }

    Statement st = t.statement();
    String listKey = t.layout().abs(listKey(st.txn));
    ObjectNode list = Json.object();
    list.put("format", 1);
    list.put("table", t.name());
    list.put("after", h.version());
    ArrayNode e = list.putArray("expired");
    expired.forEach(e::add);
    ArrayNode k = list.putArray("keys");
    doomed.forEach(k::add);
    try {
      t.env().store().put(listKey, Json.bytes(list));
    } catch (StoreException ex) {
      throw StoreErrors.wrap(ex);
    }
    CommitResult landed;
    try {
      landed = t.commitWith(st, Operation.VACUUM, h, base -> {
        if (base.version() != h.version()) {
          throw new HeadMoved();
        }
        return Changes.same(base);
      });
    } catch (HeadMoved moved) {
      deleteQuietly(t, listKey);
      throw moved;
    }

    // a snapshot created while this ran keeps the versions it pins (it also checks for this record)
    Set<Long> nowPinned = new HashSet<>(pinnedAgain.get());
    nowPinned.removeAll(pinned);
    List<String> kept = new ArrayList<>();
    if (expired.stream().anyMatch(nowPinned::contains)) {
      Set<String> keep = new HashSet<>();
      Set<String> seen = new HashSet<>();
      for (long v : expired) {
        if (nowPinned.contains(v)) {
          references(t, records.get((int) v), keep, seen);
        }
      }
      for (String d : new ArrayList<>(doomed)) {
        if (keep.contains(d)) {
          doomed.remove(d);
          kept.add(d);
        }
      }
    }
    Set<String> deleted = new LinkedHashSet<>();
    for (String d : doomed) {
      deleteQuietly(t, t.layout().abs(d));
      deleted.add(d);
    }
    return new VacuumReport(t.name(), landed.version(), List.copyOf(deleted), bytes, expired, kept);
  }

  /**
   * Whether version {@code v} (head {@code head}), superseded at {@code supersededHlc}, expires: it
   * is not the latest, it was superseded before the grace cutoff, and every policy given lets it go.
   */
  static boolean expires(VacuumOptions o, long v, long head, long supersededHlc, Instant graceCutoff, Instant ageCutoff) {
    if (!o.expires() || v >= head) {
      return false;
    }
    Instant superseded = Hlc.instant(supersededHlc);
    if (!superseded.isBefore(graceCutoff)) {
      return false;
    }
    if (o.retainVersions() > 0 && v > head - o.retainVersions()) {
      return false;
    }
    return ageCutoff == null || superseded.isBefore(ageCutoff);
  }

  /** Adds the keys of every manifest and segment {@code r} references. */
  static void references(Table t, CommitRecord r, Set<String> into, Set<String> seenManifests) {
    for (ManifestRef ref : r.manifests()) {
      into.add(ref.key());
      if (seenManifests.add(ref.key())) {
        for (SegmentEntry e : t.manifests().load(ref).segments()) {
          into.add(e.key());
        }
      }
    }
  }

  private static void deleteQuietly(Table t, String key) {
    try {
      t.env().store().delete(key);
    } catch (StoreException e) {
      // still unreferenced: the next VACUUM deletes it
    }
  }
}
