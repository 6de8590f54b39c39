package dev.floe.storage.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.Committed;
import dev.floe.storage.commit.Hlc;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.Versioned;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * VACUUM of a dropped table's root ({@code docs/format.md} §4.9.4): announce, then delete, as
 * {@link Vacuum} does for a live table. Once its DROP is older than the grace period and no named
 * snapshot pins a version of the root, it lists every object under the root outside {@code log/}
 * older than the grace period, writes that list as {@code vacuum/<txnId>.json}, commits a {@code
 * RECLAIM} record after the DROP (itself a tombstone: no commit can follow either), reads the
 * snapshots again, and only then deletes. Log records stay: their keys keep every version of the
 * root exclusive, so a writer paused since before the DROP can never commit into it.
 *
 * <p>A root whose log already ends in RECLAIM was announced whole: a later run deletes what is
 * left (a crash midway, or objects a paused writer wrote afterwards, once older than the grace).
 */
final class Reclaim {
  private Reclaim() {}

  /**
   * Reclaims the dropped root of {@code t}.
   *
   * @param pinned the versions of this root that named snapshots pin, read when called
   * @return what was (or, for a dry run, would be) deleted; null if the root's log does not end in
   *     a tombstone (not a dropped table: left alone)
   */
  static VacuumReport run(Table t, VacuumOptions o, Supplier<Set<Long>> pinned) {
    Versioned<CommitRecord> h = t.head();
    if (!h.record().tombstone()) {
      return null;
    }
    Instant now = Vacuum.storeNow(t, h);
    Instant cutoff = now.minus(o.grace());
    boolean announced = h.record().operation() == Operation.RECLAIM;
    if (!announced && !Hlc.instant(h.record().hlc()).isBefore(cutoff) || !pinned.get().isEmpty()) {
      return nothing(t); // dropped within the grace (a reader may still read it), or a snapshot keeps it
    }
    String own = announced ? Vacuum.listKey(h.record().txnId()) : null;
    List<String> doomed = new ArrayList<>();
    long bytes = 0;
    String root = t.layout().root();
    try (Stream<ObjectInfo> s = t.env().store().list(root, null)) {
      for (ObjectInfo i : (Iterable<ObjectInfo>) s::iterator) {
        String rel = i.key().substring(root.length());
        if (i.key().startsWith(t.layout().logPrefix()) || rel.equals(own)
            || i.lastModified() == null || !i.lastModified().isBefore(cutoff)) {
          continue;
        }
        doomed.add(rel);
        bytes += i.size();
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    List<Long> expired = new ArrayList<>();
    if (!announced) {
      for (long v = 0; v < h.version(); v++) {
        expired.add(v);
      }
    }
    if (o.dryRun() || doomed.isEmpty()) {
      return new VacuumReport(t.name(), -1, o.dryRun() ? doomed : List.of(), o.dryRun() ? bytes : 0,
          o.dryRun() ? expired : List.of(), List.of());
    }
    long version = h.version();
    if (!announced) {
      version = announce(t, h, doomed);
      if (!pinned.get().isEmpty()) { // a snapshot created meanwhile (it also checks for this record)
        return new VacuumReport(t.name(), version, List.of(), 0, List.of(), doomed);
      }
    }
    for (String d : doomed) {
      try {
        t.env().store().delete(t.layout().abs(d));
      } catch (StoreException e) {
        // announced: the next VACUUM of dropped roots deletes it
      }
    }
    return new VacuumReport(t.name(), version, doomed, bytes, expired, List.of());
  }

  /** Writes the list and commits the RECLAIM record right after the DROP; returns its version. */
  private static long announce(Table t, Versioned<CommitRecord> drop, List<String> doomed) {
    Statement st = t.statement(drop.version());
    String listKey = t.layout().abs(Vacuum.listKey(st.txn));
    ObjectNode list = Json.object();
    list.put("format", 1);
    list.put("table", t.name());
    list.put("after", drop.version());
    list.put("reclaim", true);
    list.putArray("expired");
    ArrayNode k = list.putArray("keys");
    doomed.forEach(k::add);
    try {
      t.env().store().put(listKey, Json.bytes(list));
      Committed<CommitRecord> c = t.loop().commit(st.txn, drop, base -> {
        if (base.version() != drop.version()) {
          throw new CommitConflictException(true, t.loop().log().key(base.version()), "a concurrent VACUUM"
              + " reclaimed the dropped table '" + t.name() + "' at " + t.root() + " first; nothing to do");
        }
        CommitRecord b = base.record();
        return FloeStore.record(t.env(), base.version() + 1, b.hlc(), st, Operation.RECLAIM,
            new Changes.Change(List.of(), b.schema(), b.schemaId(), 0, 0, 0), t.layout());
      });
      return c.version();
    } catch (CommitConflictException e) {
      try {
        t.env().store().delete(listKey);
      } catch (StoreException ignored) {
        // an unreferenced list: deleted with the rest of the root
      }
      throw e;
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  private static VacuumReport nothing(Table t) {
    return new VacuumReport(t.name(), -1, List.of(), 0, List.of(), List.of());
  }
}
