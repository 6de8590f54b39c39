/**
 * Tables over an object store: the store root ({@link dev.floe.storage.table.FloeStore}), the
 * catalog (a grow-only set of create/drop ops), each table's log of commit records, manifests and
 * their segment entries, and the table operations ({@link dev.floe.storage.table.Table}: append,
 * delete, update, overwrite, add column, staged writes) and scans of a pinned version ({@link
 * dev.floe.storage.table.TableVersion}, {@link dev.floe.storage.table.TableScan}). Every write is
 * one atomic commit on the table's {@link dev.floe.storage.commit.SequencedLog} with three outcomes
 * (committed, conflict, unknown); see {@code docs/format.md} §2 and §4 and {@code
 * docs/rfcs/0001-commit-protocol.md}.
 */
package dev.floe.storage.table;
