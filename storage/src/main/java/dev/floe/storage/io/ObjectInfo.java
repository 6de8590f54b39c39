package dev.floe.storage.io;

import java.time.Instant;

/**
 * One entry of a listing.
 *
 * @param key the object's key, relative to the store root
 * @param size the object's length in bytes
 * @param lastModified the store's own time of the object's last write (never a client clock)
 */
public record ObjectInfo(String key, long size, Instant lastModified) {}
