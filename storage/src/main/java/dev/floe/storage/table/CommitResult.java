package dev.floe.storage.table;

/**
 * What a committed operation did.
 *
 * @param version the version it created
 * @param operation the operation
 * @param rowsAdded rows it added
 * @param rowsRemoved rows it removed
 * @param attempts puts of the log record it took (1 without conflicts)
 * @param hlc the record's hybrid logical clock (microseconds since the epoch, store time)
 */
public record CommitResult(long version, Operation operation, long rowsAdded, long rowsRemoved, int attempts, long hlc) {}
