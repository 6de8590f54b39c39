package dev.floe.storage.table;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.Hlc;
import dev.floe.storage.commit.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the records of multi-table transactions in one table's log stand for (RFC 0005). A
 * participant record counts once its transaction's decision says COMMITTED (and names this version
 * of this table); while undecided, or once ABORTED, it stands for the last version below it that
 * counts. Records of single-table commits always count.
 *
 * <p>A reader never waits: an undecided record is not visible yet. A writer waits for the decision
 * before it builds on a participant record (so no record is ever computed from a base whose
 * meaning could still change), up to the transaction timeout by the store's clock; past it, the
 * writer (or a writable reader) aborts the transaction by creating its ABORTED decision, which
 * fails harmlessly if the committer decided first. A writer that is itself preparing a multi-table
 * transaction waits only for a transaction whose txnId sorts after its own and otherwise yields
 * ({@link TransactionYield}, wait-die): two transactions preparing the same tables in different
 * orders never wait for each other.
 */
final class Participants {
  /** A writer's base: the content to compute from, and the versions of other tables it requires. */
  record Base(Versioned<CommitRecord> content, Map<String, Long> requires) {}

  private final Table table;
  private final Decisions decisions;

  Participants(Table table) {
    this.table = table;
    this.decisions = new Decisions(table.env());
  }

  Decisions decisions() {
    return decisions;
  }

  /**
   * The newest record at or below {@code r} that counts.
   *
   * @param wait whether to wait for an undecided transaction's decision (writers) rather than
   *     read past its record (readers)
   */
  Versioned<CommitRecord> counted(Versioned<CommitRecord> r, boolean wait) {
    return counted(r, wait, null);
  }

  /**
   * As above, for a writer preparing for the multi-table transaction {@code self} (null: a commit of
   * its own, which may wait for anyone: it holds nothing another transaction waits for).
   *
   * @throws TransactionYield if {@code self} must not wait for an undecided transaction (wait-die)
   */
  Versioned<CommitRecord> counted(Versioned<CommitRecord> r, boolean wait, dev.floe.storage.commit.TxnId self) {
    Versioned<CommitRecord> cur = r;
    while (cur.record().participant()) {
      Optional<Decision> d = decision(cur, wait, self);
      if (d.isPresent() && d.get().committed()
          && Long.valueOf(cur.version()).equals(d.get().versions().get(table.root()))) {
        return cur;
      }
      if (cur.version() == 0) {
        throw new FloeException(ErrorCode.CORRUPT_OBJECT, table.loop().log().key(0), "version 0 of table '"
            + table.name() + "' claims to be part of a multi-table transaction, which never creates a table;"
            + " it was changed outside Floe; restore it from a backup", null);
      }
      cur = table.record(cur.version() - 1);
    }
    return cur;
  }

  /**
   * The versions of other tables (by root) a reader of the counted record {@code c} must read at
   * least: those its record requires, and, for a participant, those its transaction wrote.
   */
  Map<String, Long> frontier(Versioned<CommitRecord> c) {
    CommitRecord r = c.record();
    if (!r.participant()) {
      return r.requires();
    }
    Map<String, Long> out = new TreeMap<>(r.requires());
    decisions.read(r.txnId()).ifPresent(d -> d.versions().forEach((k, v) -> out.merge(k, v, Math::max)));
    out.remove(table.root());
    return out;
  }

  /**
   * A writer's base for the next version after {@code raw}, waiting for its decision if needed; a
   * writer preparing for the multi-table transaction {@code self} (else null) waits only for
   * transactions whose txnId sorts after its own and yields to the others.
   */
  Base base(Versioned<CommitRecord> raw, dev.floe.storage.commit.TxnId self) {
    Versioned<CommitRecord> c = counted(raw, true, self);
    Versioned<CommitRecord> content = c == raw ? raw
        : new Versioned<>(raw.version(), c.record().standingFor(raw.version(), raw.record().hlc()));
    return new Base(content, frontier(c));
  }

  /**
   * The decision of {@code r}'s transaction: read; if absent and the record is older than the
   * transaction timeout by the store's clock, aborted by this client if it may write (else still
   * absent); a writer ({@code wait}) polls until one of those happens.
   */
  private Optional<Decision> decision(Versioned<CommitRecord> r, boolean wait, dev.floe.storage.commit.TxnId self) {
    Duration timeout = table.env().options().transactionTimeout();
    Instant written = Hlc.instant(r.record().hlc());
    long pause = 1;
    while (true) {
      Optional<Decision> d = decisions.read(r.record().txnId());
      if (d.isPresent()) {
        return d;
      }
      Optional<Instant> now = table.env().clock().now();
      if (now.isPresent() && now.get().isAfter(written.plus(timeout))) {
        try {
          return Optional.of(decisions.decide(Decision.abort(r.record().txnId(), table.env().options().writerId())));
        } catch (FloeException e) {
          if (!wait || e.code() == ErrorCode.READ_ONLY) {
            return Optional.empty(); // a reader that cannot decide reads past the record
          }
          throw e;
        }
      }
      if (!wait) {
        return Optional.empty();
      }
      if (self != null && !self.equals(r.record().txnId())
          && self.value().compareTo(r.record().txnId().value()) > 0) {
        throw new TransactionYield(self, r.record().txnId()); // waits go one way only: no deadlock
      }
      try {
        dev.floe.storage.io.Pacing.sleep(java.time.Duration.ofMillis(pause));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        // an interrupt is the caller's request to stop (a cancelled statement): not the store's fault
        throw new FloeException(ErrorCode.QUERY_CANCELED, table.loop().log().key(r.version()),
            "cancelled while waiting for the decision of transaction " + r.record().txnId()
                + " (the thread was interrupted); nothing was committed", e);
      }
      pause = Math.min(pause * 2, 50);
    }
  }
}
