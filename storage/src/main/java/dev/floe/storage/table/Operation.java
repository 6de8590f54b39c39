package dev.floe.storage.table;

/** What a commit did; recorded in its commit record. */
public enum Operation {
  /** Version 0: the table's schema and, for CREATE TABLE AS, its first rows. */
  CREATE,
  /** New segments added; nothing removed. */
  APPEND,
  /** Segments with matching rows rewritten without them. */
  DELETE,
  /** Segments with matching rows rewritten with new values. */
  UPDATE,
  /** Every row of the version read replaced. */
  OVERWRITE,
  /** A column added to the schema; no data changed. */
  ADD_COLUMN,
  /** An index added or dropped (CREATE [UNIQUE] INDEX, DROP INDEX; RFC 0006). */
  ALTER_KEYS,
  /** Staged segments published. */
  COMMIT_STAGED,
  /**
   * A transaction's inserts, deletes and updates of the table, published together: segments
   * removed and staged segments added by reference.
   */
  TRANSACTION,
  /**
   * Small segments merged into full ones; the rows are the same. Conflicts only with a concurrent
   * delete or update of the same segments.
   */
  COMPACT,
  /**
   * VACUUM's announcement: the data is the parent's; the list of objects it deletes (and versions
   * it expires) is {@code vacuum/<txnId>.json} under the table root.
   */
  VACUUM,
  /**
   * An explicit repair: supersedes damaged versions (records or manifests that fail their checks)
   * with a copy of the data and schema of the last good version, which its {@code parent} names.
   * Nothing is deleted; the damaged records stay in the log.
   */
  REPAIR,
  /** Tombstone: the table was dropped; no commit may follow except a RECLAIM. */
  DROP,
  /**
   * VACUUM of a dropped table's root: follows its DROP, is a tombstone too, expires every version
   * and announces the deletion of every object under the root outside {@code log/}, listed in
   * {@code vacuum/<txnId>.json}; no commit may follow.
   */
  RECLAIM
}
