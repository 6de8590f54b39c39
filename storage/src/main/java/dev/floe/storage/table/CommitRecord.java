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
    long rowsRemoved) {

  public CommitRecord {
    manifests = List.copyOf(manifests);
  }

  /** Whether this record is a tombstone: the table was dropped at this version (or its root reclaimed). */
  public boolean tombstone() {
    return operation == Operation.DROP || operation == Operation.RECLAIM;
  }
}
