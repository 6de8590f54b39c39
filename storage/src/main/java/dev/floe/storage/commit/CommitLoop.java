package dev.floe.storage.commit;

import dev.floe.storage.io.ObjectInfo;

import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.UnknownOutcomeException;
import java.util.OptionalLong;

/**
 * Commits records to a {@link SequencedLog}: read the head, compute the next record with a pure
 * {@link Rebase}, create it with one create-if-absent, and on conflict rebase onto the record that
 * won and try again, within the bounds of a {@link CommitPolicy}.
 *
 * <p>Outcomes, and nothing else:
 *
 * <ol>
 *   <li>committed: {@link #commit} returns the version and record that landed;
 *   <li>conflict: {@link CommitConflictException}; no record of this statement landed;
 *   <li>unknown: {@link CommitStateUnknownException}; a record may have landed; the caller must not
 *       delete anything it wrote.
 * </ol>
 *
 * <p>"Whose object is this?": when the create of {@code log/<n>} finds the key taken, the loop
 * reads {@code log/<n>}; if its txnId is this statement's, an earlier attempt (a retried request
 * whose reply was lost) landed and the statement committed. A lost reply is settled by putting the
 * same bytes to the same key until the key is taken, then comparing txnIds. A conflict never
 * deletes, and no attempt is ever made to undo a record.
 *
 * @param <R> the record type
 */
public final class CommitLoop<R> {
  private final SequencedLog log;
  private final RecordCodec<R> codec;
  private final CommitPolicy policy;

  public CommitLoop(SequencedLog log, RecordCodec<R> codec, CommitPolicy policy) {
    this.log = log;
    this.codec = codec;
    this.policy = policy;
  }

  public SequencedLog log() {
    return log;
  }

  /**
   * Reads and decodes version {@code v}.
   *
   * @throws ObjectNotFoundException if it does not exist
   */
  public Versioned<R> read(long v) {
    String key = log.key(v);
    return new Versioned<>(v, decode(v, key, log.read(v)));
  }

  /**
   * Decodes {@code bytes} as version {@code v}'s record (checksum and all, by the codec).
   *
   * @throws FloeException {@link ErrorCode#CORRUPT_OBJECT} naming {@code key} if they do not parse
   *     or say another version
   */
  private R decode(long v, String key, byte[] bytes) {
    R r = codec.decode(key, bytes);
    long says = codec.version(r);
    if (says >= 0 && says != v) {
      throw new FloeException(ErrorCode.CORRUPT_OBJECT, key, "commit record '" + key + "' says it is"
          + " version " + says + ", not " + v + ": it was copied or changed outside Floe; restore it"
          + " from a backup, or supersede it with floe.repair on its table", null);
    }
    return r;
  }

  /**
   * The head record, found without trusting the hint: the hint, then one listing from the hint's
   * own record on, which shows whether that record exists and whether later ones do; then the
   * head's record is read, unless the hint carries a copy of it whose size the listing confirms
   * (two requests in all). A hint naming a missing version costs a listing of the whole log.
   * Empty if the log has no record.
   *
   * <p>A damaged head record (it fails its checksum, does not parse, or names another version) is
   * never skipped here: this throws {@link ErrorCode#CORRUPT_OBJECT} naming it, so no reader sees
   * an older version as the latest and no writer commits over it; a REPAIR record at the next
   * version (written without a readable base, {@link #createAt}) supersedes it.
   */
  public java.util.Optional<Versioned<R>> head() {
    SequencedLog.Hint hint = log.readHint();
    if (hint.version() >= 0) {
      long last = -1;
      ObjectInfo own = null;
      for (ObjectInfo i : log.recordsFrom(hint.version())) {
        long v = log.versionOf(i.key());
        last = Math.max(last, v);
        if (v == hint.version()) {
          own = i;
        }
      }
      if (last > hint.version()) {
        return java.util.Optional.of(read(last));
      }
      if (own != null) {
        Versioned<R> copy = copyOf(hint, own);
        return java.util.Optional.of(copy != null ? copy : read(hint.version()));
      }
      // a hint naming a version that does not exist: fall back to the whole log
    }
    OptionalLong v = log.latestAfter(-1);
    return v.isPresent() ? java.util.Optional.of(read(v.getAsLong())) : java.util.Optional.empty();
  }

  /**
   * The hint's copy of the record {@code listed}, if it has one of the listed size that passes its
   * checksum and names the hint's version; else null (the hint is ignored, never trusted).
   */
  private Versioned<R> copyOf(SequencedLog.Hint hint, ObjectInfo listed) {
    byte[] copy = hint.copy();
    if (copy == null || copy.length != listed.size()) {
      return null;
    }
    try {
      return new Versioned<>(hint.version(), decode(hint.version(), listed.key(), copy));
    } catch (RuntimeException e) {
      return null; // a damaged copy (checksum, version): the record itself is read instead
    }
  }

  /**
   * Overwrites the head hint with {@code head}'s version and a copy of its record (best effort; see
   * {@link SequencedLog#writeHint(long, byte[])}).
   *
   * @return the store's time of the write, or null if it failed
   */
  public java.time.Instant writeHint(Versioned<R> head) {
    return log.writeHint(head.version(), codec.encode(head.record()));
  }

  /** The head, given a record {@code known} to exist: one listing, plus one read if it moved. */
  public Versioned<R> refresh(Versioned<R> known) {
    long v = log.headAfter(known.version());
    return v == known.version() ? known : read(v);
  }

  /**
   * Creates version 0 of the log with {@code record}.
   *
   * @return the commit, if this statement's record is version 0
   * @throws CommitConflictException (not retryable) if another statement's record is version 0
   * @throws CommitStateUnknownException if the outcome could not be learned
   */
  public Committed<R> createFirst(TxnId txn, R record) {
    return createAt(0, txn, record);
  }

  /**
   * Creates version {@code v} of the log with {@code record}, computed by the caller without a
   * readable base (version 0, or a repair superseding a damaged record). Same outcomes as {@link
   * #commit}, but never rebases: a conflict is final.
   *
   * @return the commit, if this statement's record is version {@code v}
   * @throws CommitConflictException (not retryable) if another statement's record is version {@code v}
   * @throws CommitStateUnknownException if the outcome could not be learned
   * @throws FloeException {@link ErrorCode#CORRUPT_OBJECT} if version {@code v} is taken by a
   *     record that cannot be read
   */
  public Committed<R> createAt(long v, TxnId txn, R record) {
    byte[] bytes = codec.encode(record);
    Outcome<R> o = put(v, bytes, txn);
    if (o.ours) {
      log.writeHint(v, bytes);
      return new Committed<>(v, record, 1);
    }
    throw new CommitConflictException(false, log.key(v),
        "version " + v + " of the log " + log.prefix() + " was written by statement " + codec.txnId(o.theirs)
            + ", not by this one (" + txn + ")");
  }

  /**
   * Commits the record {@code apply} computes from the head, rebasing after each conflict.
   *
   * @param txn this statement's txnId, which {@code apply} must write into the record
   * @param start the head the statement read first, or null to read it now
   * @param apply the pure computation of the next record from a base
   * @return the version and record that landed
   * @throws CommitConflictException if {@code apply} refuses a base (not retryable) or the retries
   *     ran out (retryable)
   * @throws CommitStateUnknownException if a lost reply could not be settled
   * @throws FloeException if {@code apply} fails or the store fails with nothing written
   */
  public Committed<R> commit(TxnId txn, Versioned<R> start, Rebase<R> apply) {
    Versioned<R> base = start;
    if (base == null) {
      base = head().orElseThrow(() -> new FloeException(ErrorCode.TABLE_NOT_FOUND, log.key(0),
          "the log " + log.prefix() + " has no record, so there is nothing to commit onto", null));
    }
    for (int attempt = 1; ; attempt++) {
      R record = apply.apply(base);
      long v = base.version() + 1;
      byte[] bytes = codec.encode(record);
      Outcome<R> o = put(v, bytes, txn);
      if (o.ours) {
        log.writeHint(v, bytes);
        return new Committed<>(v, record, attempt);
      }
      if (!policy.retry().mayRetry(attempt)) {
        throw new CommitConflictException(true, log.key(v),
            "the commit of statement " + txn + " to " + log.prefix() + " lost " + attempt
                + " times in a row to concurrent commits (last at version " + v + "); nothing of"
                + " it was committed; run the statement again, or write less concurrently");
      }
      policy.retry().sleepBefore(attempt + 1);
      base = new Versioned<>(v, o.theirs);
      if (attempt >= 2) {
        base = refresh(base);
      }
    }
  }

  private record Outcome<R>(boolean ours, R theirs) {}

  private Outcome<R> put(long v, byte[] bytes, TxnId txn) {
    CreateResult result;
    try {
      result = log.create(v, bytes);
    } catch (UnknownOutcomeException e) {
      return settle(v, bytes, txn, e);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    if (result == CreateResult.CREATED) {
      return new Outcome<>(true, null);
    }
    try {
      return whoseIs(v, txn);
    } catch (StoreException e) {
      return settle(v, bytes, txn, e);
    }
  }

  private Outcome<R> whoseIs(long v, TxnId txn) {
    R theirs = read(v).record();
    return txn.equals(codec.txnId(theirs)) ? new Outcome<>(true, null) : new Outcome<>(false, theirs);
  }

  /** Puts the same bytes again until the key is taken, then compares txnIds. Never deletes. */
  private Outcome<R> settle(long v, byte[] bytes, TxnId txn, StoreException first) {
    StoreException last = first;
    for (int i = 1; i <= policy.settleAttempts(); i++) {
      policy.settleBackoff().sleepBefore(Math.min(i + 1, 30));
      try {
        if (log.create(v, bytes) == CreateResult.CREATED) {
          return new Outcome<>(true, null);
        }
        return whoseIs(v, txn);
      } catch (StoreException e) {
        if (!(e instanceof UnknownOutcomeException) && !e.kind().retryable()) {
          last = e;
          break;
        }
        last = e;
      }
    }
    throw new CommitStateUnknownException(log.key(v),
        "the commit of statement " + txn + " as '" + log.key(v) + "' has an unknown outcome: the"
            + " store did not confirm the write and could not be asked again (" + last.getMessage()
            + "); the statement may or may not have committed; read the table to find out, and"
            + " do not assume either", last);
  }
}
