package dev.floe.storage.commit;

/**
 * A record of a log together with its version.
 *
 * @param version the version (its position in the log)
 * @param record the decoded record
 * @param <R> the record type
 */
public record Versioned<R>(long version, R record) {}
