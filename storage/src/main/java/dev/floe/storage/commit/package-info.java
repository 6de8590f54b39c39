/**
 * The generic commit machinery, free of table logic: a sequenced log of immutable records written
 * only by create-if-absent ({@link dev.floe.storage.commit.SequencedLog}), the commit loop that
 * rebases a pure {@code apply(base)} onto the current head and retries within bounds ({@link
 * dev.floe.storage.commit.CommitLoop}), the hybrid logical clock ({@link
 * dev.floe.storage.commit.Hlc}, {@link dev.floe.storage.commit.StoreClock}), and the typed errors
 * with their stable codes ({@link dev.floe.storage.commit.ErrorCode}).
 *
 * <p>A commit has exactly three outcomes: it returns (committed), it throws {@link
 * dev.floe.storage.commit.CommitConflictException} (nothing of it landed; retryable or not), or it
 * throws {@link dev.floe.storage.commit.CommitStateUnknownException} (it may have landed; nothing
 * may be cleaned up).
 */
package dev.floe.storage.commit;
