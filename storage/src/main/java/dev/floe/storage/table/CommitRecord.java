package dev.floe.storage.table;

import dev.floe.storage.Schema;
import dev.floe.storage.commit.TxnId;
import java.util.List;

/**
 * One version of a table: {@code log/<20-digit version>.json}, written once by create-if-absent.
 * It holds the full manifest list, so a reader needs no replay of earlier records.
 *
 * @param version this record's version
 * @param parent the version it was computed from ({@code version - 1}; -1 for version 0)
 * @param txnId the statement that wrote it
 * @param operation what the statement did
 * @param manifests the full manifest list of this version
 * @param schema the table schema at this version
 * @param schemaId incremented by every schema change
 * @param rowCount rows in this version
 * @param hlc hybrid logical clock, microseconds since the epoch, from the store's clock
 * @param writerId the client that wrote it (for diagnosis only)
 * @param rowsAdded rows the statement added
 * @param rowsRemoved rows the statement removed
 * @param transaction the roots of the tables a multi-table transaction wrote, this one included,
 *     if this record is one of its participants (empty otherwise): the record counts only once the
 *     transaction's decision ({@code txns/<txnId>.json}) says COMMITTED (RFC 0005)
 * @param requires for each other table root, the lowest version a reader of this version must read
 *     of it: the versions every committed multi-table transaction before this record wrote there
 *     (cumulative along the log; empty if there were none)
 */
public record CommitRecord(
    long version,
    long parent,
    TxnId txnId,
    Operation operation,
    List<ManifestRef> manifests,
    Schema schema,
    int schemaId,
    long rowCount,
    long hlc,
    String writerId,
    long rowsAdded,
    long rowsRemoved,
    List<String> transaction,
    java.util.Map<String, Long> requires) {

  public CommitRecord {
    manifests = List.copyOf(manifests);
    transaction = List.copyOf(transaction);
    requires = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(requires));
  }

  /** A record of a single-table statement, which needs no decision. */
  public CommitRecord(long version, long parent, TxnId txnId, Operation operation, List<ManifestRef> manifests,
      Schema schema, int schemaId, long rowCount, long hlc, String writerId, long rowsAdded, long rowsRemoved) {
    this(version, parent, txnId, operation, manifests, schema, schemaId, rowCount, hlc, writerId, rowsAdded,
        rowsRemoved, List.of(), java.util.Map.of());
  }

  /** Whether this record belongs to a multi-table transaction, so a decision says whether it counts. */
  public boolean participant() {
    return !transaction.isEmpty();
  }

  /**
   * This record as the content of version {@code v} with clock {@code hlc}: what a record that a
   * multi-table transaction aborted (or has not decided yet) stands for, the content of the last
   * version that counts.
   */
  CommitRecord standingFor(long v, long hlc) {
    return new CommitRecord(v, v - 1, txnId, operation, manifests, schema, schemaId, rowCount, hlc, writerId,
        rowsAdded, rowsRemoved, List.of(), requires);
  }

  /** Whether this record is a tombstone: the table was dropped at this version (or its root reclaimed). */
  public boolean tombstone() {
    return operation == Operation.DROP || operation == Operation.RECLAIM;
  }
}
