package dev.floe.storage.commit;

/**
 * The pure part of a commit: computes the record of version {@code base.version() + 1} from the
 * current head. It is called again, with a newer base, after every conflict, so it must depend only
 * on its argument and on objects the statement wrote itself (recompute, never patch). It may write
 * new objects under fresh unique keys (a rewritten manifest) but must not change anything a reader
 * can see.
 *
 * @param <R> the record type
 */
@FunctionalInterface
public interface Rebase<R> {
  /**
   * @throws CommitConflictException (not retryable) if the statement cannot apply to this base
   * @throws FloeException if the statement is invalid against this base (a dropped table, a column
   *     that now exists)
   */
  R apply(Versioned<R> base);
}
