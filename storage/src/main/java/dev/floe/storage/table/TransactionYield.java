package dev.floe.storage.table;

import dev.floe.storage.commit.TxnId;

/**
 * Thrown while a multi-table transaction prepares, when one of its tables' head is another undecided
 * transaction's participant that this one must not wait for (wait-die: a transaction waits only for
 * one whose txnId sorts after its own, so waits never form a cycle). {@link MultiTableCommit} aborts
 * the yielding attempt and retries it under a new txnId; nobody outside sees it.
 */
final class TransactionYield extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TransactionYield(TxnId self, TxnId other) {
    super("transaction " + self + " yields to the undecided transaction " + other, null, false, false);
  }
}
