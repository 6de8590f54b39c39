package dev.floe.storage.commit;


/**
 * Identity of one statement, kept across all its retries and written into its commit record and
 * catalog ops, so that a writer can tell its own record from another's.
 *
 * @param value a unique string (a random UUID)
 */
public record TxnId(String value) {
  public TxnId {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("txnId must not be empty");
    }
  }

  /** A fresh random txnId. */
  public static TxnId random() {
    return new TxnId(dev.floe.storage.io.Pacing.uuid().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
