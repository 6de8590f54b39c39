/**
 * Tables over an object store: the store root ({@link dev.floe.storage.table.FloeStore}), the
 * catalog (a grow-only set of create/drop ops), each table's log of commit records, manifests and
 * their segment entries, and the table operations (append, delete, update, overwrite, add column,
 * staged writes, scans of a pinned version). Every operation is one atomic commit on the table's
 * {@link dev.floe.storage.commit.SequencedLog}; see {@code docs/format.md} §2 and §4.
 */
package dev.floe.storage.table;
