package dev.floe.storage.table;

import dev.floe.storage.commit.CommitPolicy;
import dev.floe.storage.commit.StoreClock;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Settings of one {@link FloeStore} client.
 *
 * @param commit retry bounds of commits
 * @param manifestBound past this many manifests in a list, an append merges small ones (64)
 * @param cacheBytes size of the cache of immutable objects (64 MiB)
 * @param rowsPerSegment rows per segment when writing (100,000)
 * @param clientClock the client's own clock; used only to check skew against the store's clock
 * @param warnSkew skew past which a warning is logged (5 minutes)
 * @param refuseSkew skew past which commits are refused (12 hours)
 * @param writerId this client's id, recorded in commit records for diagnosis
 * @param transactionTimeout how long, by the store's clock, a multi-table transaction may stay
 *     undecided after its participant record was written before another writer aborts it (5 s):
 *     the longest a crashed committer can hold up the next commit to a table it wrote
 */
public record FloeOptions(
    CommitPolicy commit,
    int manifestBound,
    long cacheBytes,
    int rowsPerSegment,
    Clock clientClock,
    Duration warnSkew,
    Duration refuseSkew,
    String writerId,
    Duration transactionTimeout) {

  /** The defaults, with a random writer id. */
  public static FloeOptions defaults() {
    return new FloeOptions(CommitPolicy.DEFAULT, 64, 64L << 20, 100_000, Clock.systemUTC(),
        StoreClock.DEFAULT_WARN, StoreClock.DEFAULT_REFUSE, UUID.randomUUID().toString(),
        Duration.ofSeconds(5));
  }

  public FloeOptions {
    if (manifestBound < 2) {
      throw new IllegalArgumentException("manifestBound must be at least 2");
    }
    if (rowsPerSegment < 1) {
      throw new IllegalArgumentException("rowsPerSegment must be at least 1");
    }
  }

  public FloeOptions withCommit(CommitPolicy v) {
    return new FloeOptions(v, manifestBound, cacheBytes, rowsPerSegment, clientClock, warnSkew, refuseSkew, writerId, transactionTimeout);
  }

  public FloeOptions withManifestBound(int v) {
    return new FloeOptions(commit, v, cacheBytes, rowsPerSegment, clientClock, warnSkew, refuseSkew, writerId, transactionTimeout);
  }

  public FloeOptions withCacheBytes(long v) {
    return new FloeOptions(commit, manifestBound, v, rowsPerSegment, clientClock, warnSkew, refuseSkew, writerId, transactionTimeout);
  }

  public FloeOptions withRowsPerSegment(int v) {
    return new FloeOptions(commit, manifestBound, cacheBytes, v, clientClock, warnSkew, refuseSkew, writerId, transactionTimeout);
  }

  public FloeOptions withClientClock(Clock v) {
    return new FloeOptions(commit, manifestBound, cacheBytes, rowsPerSegment, v, warnSkew, refuseSkew, writerId, transactionTimeout);
  }

  public FloeOptions withSkewBounds(Duration warn, Duration refuse) {
    return new FloeOptions(commit, manifestBound, cacheBytes, rowsPerSegment, clientClock, warn, refuse, writerId, transactionTimeout);
  }

  public FloeOptions withTransactionTimeout(Duration v) {
    return new FloeOptions(commit, manifestBound, cacheBytes, rowsPerSegment, clientClock, warnSkew, refuseSkew, writerId, v);
  }

  public FloeOptions withWriterId(String v) {
    return new FloeOptions(commit, manifestBound, cacheBytes, rowsPerSegment, clientClock, warnSkew, refuseSkew, v, transactionTimeout);
  }
}
