package dev.floe.storage.table;

import dev.floe.storage.commit.TxnId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a multi-table transaction, {@code txns/<txnId>.json}: written once, by
 * create-if-absent, either COMMITTED by the transaction's writer after every participant record
 * landed, or ABORTED by anyone (the writer after a failure, or a client that found a participant
 * record undecided for longer than the transaction timeout). Whichever lands first is the
 * outcome, for every participant at once (RFC 0005).
 *
 * @param txn the transaction
 * @param committed whether it committed
 * @param versions for a commit, the version of each participant table (by root) that holds its
 *     record; empty for an abort
 * @param writerId who decided, for diagnosis only
 */
record Decision(TxnId txn, boolean committed, Map<String, Long> versions, String writerId) {
  Decision {
    versions = java.util.Collections.unmodifiableMap(new TreeMap<>(versions));
  }

  static Decision commit(TxnId txn, Map<String, Long> versions, String writerId) {
    return new Decision(txn, true, versions, writerId);
  }

  static Decision abort(TxnId txn, String writerId) {
    return new Decision(txn, false, Map.of(), writerId);
  }

  /** The decision's key, relative to the store root. */
  static String key(TxnId txn) {
    return "txns/" + txn.value() + ".json";
  }
}
