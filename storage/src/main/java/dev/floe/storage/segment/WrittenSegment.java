package dev.floe.storage.segment;

/**
 * A segment that {@link SegmentWriter} has put into the store.
 *
 * @param key the object key
 * @param sizeBytes the object's size
 * @param footer its footer, for the manifest to embed
 */
public record WrittenSegment(String key, long sizeBytes, SegmentFooter footer) {}
