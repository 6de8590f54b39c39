/**
 * The columnar segment format: one immutable object per slice of a table's rows, holding one
 * chunk per column (validity, then values or offsets and bytes, optionally dictionary-encoded or
 * integer-packed, each buffer LZ4-compressed and CRC32C-checked) and a footer with per-column
 * stats.
 *
 * <p>Public entry points: {@link dev.floe.storage.segment.SegmentWriter} writes a segment and
 * returns its {@link dev.floe.storage.segment.SegmentFooter}; {@link
 * dev.floe.storage.segment.SegmentReader} fetches only the byte ranges of the requested columns
 * and decodes them into Arrow batches, filtered by a {@link dev.floe.storage.segment.Predicate};
 * {@link dev.floe.storage.segment.Predicate#mayMatch} prunes whole segments by their stats; {@link
 * dev.floe.storage.segment.ArrowTypes} maps column types to Arrow. The byte layout is specified in
 * {@code docs/format.md}, section 3.
 */
package dev.floe.storage.segment;
