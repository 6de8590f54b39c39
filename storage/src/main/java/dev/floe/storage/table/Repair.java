package dev.floe.storage.table;

import dev.floe.storage.commit.CommitLoop;
import dev.floe.storage.commit.Committed;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.Hlc;
import dev.floe.storage.commit.SequencedLog;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.TxnId;
import dev.floe.storage.commit.Versioned;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explicit repair of a table whose newest versions are damaged (a commit record or a manifest
 * that fails its checksum or does not parse, or a manifest or segment that is missing): supersedes
 * them with a {@link Operation#REPAIR} record at the next version, a copy of the last good
 * version's manifests and schema. See {@code docs/format.md} §4.12.
 *
 * <p>Contract: the repair record is one create-if-absent at {@code head + 1}, so it is atomic and
 * competes like any commit (a concurrent repair or commit that takes the key makes this one fail
 * with a conflict, and nothing changed); nothing is deleted or overwritten, so the damaged records
 * stay in the log for inspection and every older version stays readable by time travel. Rows that
 * only the superseded versions held are no longer in the latest version (the report says which
 * versions were superseded). Each repair is logged at WARN.
 */
final class Repair {
  private static final Logger LOG = LoggerFactory.getLogger(Repair.class);

  private Repair() {}

  /**
   * Repairs {@code t} if its head is damaged.
   *
   * @return what was found and done; {@link RepairReport#repaired()} is false if the head passed
   *     every check
   * @throws FloeException {@link ErrorCode#CORRUPT_OBJECT} if no version passes the checks;
   *     {@link ErrorCode#TABLE_NOT_FOUND} if the last good version is a tombstone
   * @throws dev.floe.storage.commit.CommitConflictException if another commit took the next version
   * @throws dev.floe.storage.commit.CommitStateUnknownException if the outcome could not be learned
   */
  static RepairReport run(Table t) {
    try {
      return repair(t);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  private static RepairReport repair(Table t) {
    CommitLoop<CommitRecord> loop = t.loop();
    SequencedLog log = loop.log();
    OptionalLong last = log.latestAfter(-1);
    if (last.isEmpty()) {
      throw new FloeException(ErrorCode.MISSING_OBJECT, log.key(0), "table '" + t.name() + "' has no"
          + " commit record in " + t.env().location() + "; there is nothing to repair from; drop the table", null);
    }
    long head = last.getAsLong();
    Set<String> present = objects(t);
    List<String> damaged = new ArrayList<>();
    Versioned<CommitRecord> good = null;
    long maxHlc = Long.MIN_VALUE;
    for (long v = head; v >= 0 && good == null; v--) {
      Versioned<CommitRecord> r;
      try {
        r = loop.read(v);
      } catch (FloeException e) {
        damaged.add(log.key(v) + ": " + e.getMessage());
        continue;
      } catch (ObjectNotFoundException e) {
        damaged.add(log.key(v) + ": missing");
        continue;
      }
      maxHlc = Math.max(maxHlc, r.record().hlc());
      String why = check(t, r.record(), present);
      if (why == null) {
        good = r;
      } else {
        damaged.add(why);
      }
    }
    if (good == null) {
      throw new FloeException(ErrorCode.CORRUPT_OBJECT, log.key(head), "no version of table '" + t.name()
          + "' in " + t.env().location() + " passes its checks (" + String.join("; ", damaged)
          + "); restore its objects from a backup, or drop the table", null);
    }
    if (good.version() == head) {
      t.known(good);
      return new RepairReport(t.name(), head, head, -1, damaged);
    }
    if (good.record().tombstone()) {
      throw t.dropped(good);
    }
    TxnId txn = TxnId.random();
    Env env = t.env();
    Instant now = env.clock().now().orElse(null);
    if (now == null) {
      env.clock().observe(log.writeHint(good.version()));
      now = env.clock().now().orElseThrow(() -> new FloeException(ErrorCode.STORE_ERROR, log.hintKey(),
          "cannot learn the store's time from " + env.location() + " (writing the head hint failed); retry", null));
    }
    CommitRecord g = good.record();
    CommitRecord rec = new CommitRecord(head + 1, good.version(), txn, Operation.REPAIR, g.manifests(), g.schema(),
        g.schemaId(), g.rowCount(), Hlc.next(maxHlc, now), env.options().writerId(), 0, 0);
    Committed<CommitRecord> c;
    try {
      c = loop.createAt(head + 1, txn, rec);
    } catch (dev.floe.storage.commit.CommitConflictException e) {
      throw new dev.floe.storage.commit.CommitConflictException(true, log.key(head + 1), "the repair of table '"
          + t.name() + "' lost version " + (head + 1) + " to a concurrent commit or repair; nothing was"
          + " written; run floe.repair again (it does nothing if the table is sound now)");
    }
    t.known(c.versioned());
    LOG.warn("repaired table '{}' in {}: version {} supersedes versions {}..{} with the data of version {}"
        + " (damaged: {})", t.name(), env.location(), c.version(), good.version() + 1, head, good.version(), damaged);
    return new RepairReport(t.name(), head, good.version(), c.version(), damaged);
  }

  /** Why {@code r} is not a good version ({@code key: why}), or null if all it references passes. */
  private static String check(Table t, CommitRecord r, Set<String> present) {
    for (ManifestRef ref : r.manifests()) {
      Manifest m;
      try {
        m = t.manifests().load(ref);
      } catch (FloeException e) {
        return t.layout().abs(ref.key()) + ": " + e.getMessage();
      }
      for (SegmentEntry e : m.segments()) {
        if (!present.contains(e.key())) {
          return t.layout().abs(e.key()) + ": missing (referenced by version " + r.version() + ")";
        }
      }
    }
    return null;
  }

  /** The keys (relative to the table root) of every segment and staged segment: two listings. */
  private static Set<String> objects(Table t) {
    Set<String> out = new HashSet<>();
    for (String dir : List.of("segments/", "staged/")) {
      try (Stream<ObjectInfo> s = t.env().store().list(t.layout().root() + dir, null)) {
        s.forEach(i -> out.add(i.key().substring(t.layout().root().length())));
      }
    }
    return out;
  }
}
