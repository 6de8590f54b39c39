package dev.floe.storage.commit;

/**
 * How a {@link CommitLoop} turns its records into bytes and back, and finds the txnId in one.
 *
 * @param <R> the record type
 */
public interface RecordCodec<R> {
  /** The bytes of {@code record}; equal records give equal bytes. */
  byte[] encode(R record);

  /**
   * Parses a record read from {@code key}.
   *
   * @throws FloeException of code {@link ErrorCode#CORRUPT_OBJECT} naming the key if unparsable
   */
  R decode(String key, byte[] bytes);

  /**
   * The version {@code record} says it is, or -1 if records do not say. A record read as version
   * {@code v} that says another version is corrupt (a record copied over another key).
   */
  default long version(R record) {
    return -1;
  }

  /** The txnId of the statement that wrote {@code record}. */
  TxnId txnId(R record);
}
