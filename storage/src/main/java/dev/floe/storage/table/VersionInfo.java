package dev.floe.storage.table;

import dev.floe.storage.commit.Hlc;
import java.time.Instant;

/**
 * What a listing of versions tells about one version without its manifest list: the fields of its
 * commit record that {@code history()} and {@code floe_system.versions} show, as kept in the log's
 * summaries ({@code history/}, see {@code docs/format.md} §4.11).
 *
 * @param version the version
 * @param hlc its commit time, HLC microseconds since the epoch (store time)
 * @param operation what its statement did
 * @param txnId the statement that wrote it
 * @param writerId the client that wrote it (diagnosis only)
 * @param rowCount rows in the version
 * @param rowsAdded rows the statement added
 * @param rowsRemoved rows the statement removed
 */
public record VersionInfo(long version, long hlc, Operation operation, String txnId, String writerId, long rowCount,
    long rowsAdded, long rowsRemoved) {

  /** The summary fields of {@code r}. */
  static VersionInfo of(CommitRecord r) {
    return new VersionInfo(r.version(), r.hlc(), r.operation(), r.txnId().value(), r.writerId(), r.rowCount(),
        r.rowsAdded(), r.rowsRemoved());
  }

  /** The commit's time: the physical part of its HLC. */
  public Instant timestamp() {
    return Hlc.instant(hlc);
  }

  /** Whether the table was dropped at this version. */
  public boolean tombstone() {
    return operation == Operation.DROP || operation == Operation.RECLAIM;
  }
}
