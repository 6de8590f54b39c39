package dev.floe.storage.commit;

/**
 * A commit that landed.
 *
 * @param version the version it took
 * @param record the record as written
 * @param attempts how many puts of the log record it took (1 without conflicts)
 * @param <R> the record type
 */
public record Committed<R>(long version, R record, int attempts) {
  public Versioned<R> versioned() {
    return new Versioned<>(version, record);
  }
}
