package dev.floe.storage.table;

import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.CommitStateUnknownException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.TxnId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Publishes one transaction's changes to several tables atomically, with create-if-absent alone
 * (RFC 0005): each table gets a participant record at its next version (in parallel, each through
 * its own commit loop with its usual rebase and conflict rules), then one decision object {@code
 * txns/<txnId>.json} is created, COMMITTED with the version of every participant. Readers and
 * writers count a participant record only once that decision exists, so the transaction becomes
 * visible in all its tables at once or in none.
 *
 * <p>Outcomes: all committed (the results, one per table with changes); a conflict or failure in
 * any table, or an ABORTED decision made first by a client that found the transaction undecided
 * past the timeout: {@link CommitConflictException} (40001, retryable) with nothing visible, after
 * this client made the ABORTED decision itself where it could; {@link CommitStateUnknownException}
 * only if the COMMITTED decision's own write could not be confirmed either way. A crash at any
 * point before the decision leaves undecided records that the next writer of those tables aborts
 * after the timeout; after it, the transaction is committed. Objects of an aborted transaction are
 * left for VACUUM (its records reference them).
 *
 * <p>A transaction that changed one table only commits as before, with no decision.
 */
public final class MultiTableCommit {
  private static final ExecutorService PREPARES = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "floe-prepare");
    t.setDaemon(true);
    return t;
  });

  private static final java.util.concurrent.atomic.AtomicLong YIELDS = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Attempts that yielded so far in this JVM (wait-die; each was retried under a new txnId): how
   * much of the commit work contention wasted, for benchmarks and diagnosis.
   */
  public static long yields() {
    return YIELDS.get();
  }

  private MultiTableCommit() {}

  /**
   * Commits {@code parts} (changes to distinct tables of one store) as one transaction and forgets
   * them.
   *
   * @return the commit of each table that had changes, by table name
   */
  public static Map<String, CommitResult> commit(List<PendingChanges> parts) {
    List<PendingChanges> changed = new ArrayList<>();
    for (PendingChanges p : parts) {
      if (p.isEmpty()) {
        p.discard();
      } else {
        changed.add(p);
      }
    }
    Map<String, CommitResult> out = new LinkedHashMap<>();
    if (changed.size() == 1) {
      changed.get(0).commit().ifPresent(r -> out.put(changed.get(0).table().name(), r));
      return out;
    }
    if (changed.isEmpty()) {
      return out;
    }
    Env env = changed.get(0).table().env();
    List<String> roots = new ArrayList<>();
    for (PendingChanges p : changed) {
      if (p.table().env() != env) {
        throw new IllegalArgumentException("a transaction's tables must be in one store");
      }
      roots.add(p.table().root());
    }
    roots.sort(null);
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return attempt(env, changed, roots, TxnId.random());
        } catch (TransactionYield y) {
          YIELDS.incrementAndGet();
          if (!env.options().commit().retry().mayRetry(attempt)) {
            throw new CommitConflictException(true, null, "a transaction over " + roots.size() + " tables yielded "
                + attempt + " times in a row to concurrent transactions preparing the same tables; nothing of it"
                + " was committed; run it again, or write less concurrently");
          }
          env.options().commit().retry().sleepBefore(attempt + 1);
        }
      }
    } finally {
      changed.forEach(PendingChanges::discard);
    }
  }

  /** One attempt under {@code txn}: prepare every table in parallel, then decide. */
  private static Map<String, CommitResult> attempt(Env env, List<PendingChanges> changed, List<String> roots, TxnId txn) {
    Map<String, CommitResult> out = new LinkedHashMap<>();
    List<Future<Optional<CommitResult>>> prepared = new ArrayList<>();
    for (int i = 1; i < changed.size(); i++) {
      PendingChanges p = changed.get(i);
      prepared.add(dev.floe.storage.io.Pacing.submit(PREPARES, () -> p.prepare(txn, roots)));
    }
    RuntimeException failure = null;
    Map<String, Long> versions = new TreeMap<>();
    try {
      changed.get(0).prepare(txn, roots).ifPresent(r -> {
        out.put(changed.get(0).table().name(), r);
        versions.put(changed.get(0).table().root(), r.version());
      });
    } catch (RuntimeException e) {
      failure = e;
    }
    for (int i = 1; i < changed.size(); i++) {
      try {
        Optional<CommitResult> r = prepared.get(i - 1).get();
        if (r.isPresent()) {
          out.put(changed.get(i).table().name(), r.get());
          versions.put(changed.get(i).table().root(), r.get().version());
        }
      } catch (ExecutionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
        failure = first(failure, cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = first(failure, new FloeException(ErrorCode.QUERY_CANCELED, null,
            "cancelled while committing (the thread was interrupted); the transaction was aborted", e));
      }
    }
    Decisions decisions = new Decisions(env);
    if (failure != null) {
      throw aborted(decisions, env, txn, failure);
    }
    Decision d = decisions.decide(Decision.commit(txn, versions, env.options().writerId()));
    if (!d.committed()) {
      throw new CommitConflictException(true, Decision.key(txn), "transaction " + txn + " was aborted by another"
          + " client (" + d.writerId() + ") that found it undecided for longer than the transaction timeout ("
          + env.options().transactionTimeout().toMillis() + " ms; was this client paused?); nothing of it is"
          + " visible in any of its tables; run it again");
    }
    return out;
  }

  /** The failure to report: a real one over a yield (a yield alone means "try again"). */
  private static RuntimeException first(RuntimeException kept, RuntimeException next) {
    if (kept == null) {
      return next;
    }
    if (kept instanceof TransactionYield && !(next instanceof TransactionYield)) {
      return next;
    }
    return kept;
  }

  /**
   * Aborts {@code txn} after {@code failure} in one of its tables and returns the error to throw:
   * the failure itself if it is a conflict, else a retryable conflict saying nothing is visible.
   */
  private static RuntimeException aborted(Decisions decisions, Env env, TxnId txn, RuntimeException failure) {
    try {
      decisions.decide(Decision.abort(txn, env.options().writerId()));
    } catch (RuntimeException e) {
      failure.addSuppressed(e); // still undecided: the next writer of its tables aborts it after the timeout
    }
    if (failure instanceof CommitConflictException || failure instanceof TransactionYield) {
      return failure;
    }
    boolean storeTrouble = failure instanceof CommitStateUnknownException
        || failure instanceof FloeException f && f.getCause() instanceof dev.floe.storage.io.StoreException;
    if (!storeTrouble) {
      return failure; // a user-caused error (a dropped table, a NOT NULL column) or a bug: reported as it is
    }
    CommitConflictException e = new CommitConflictException(true, Decision.key(txn), "transaction " + txn
        + " could not write to all of its tables (" + failure.getMessage() + "); it was aborted and nothing of it"
        + " is visible in any table; run it again");
    e.addSuppressed(failure);
    return e;
  }
}
