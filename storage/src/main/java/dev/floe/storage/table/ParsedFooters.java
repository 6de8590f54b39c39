package dev.floe.storage.table;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.floe.storage.segment.SegmentFooter;

/**
 * Footers parsed once per footer byte array held by a {@link SegmentEntry} or {@link ManifestRef}.
 * Manifests and commit records are cached with their tables, so a warm scan prunes by stats
 * without decoding a footer again (at 100 segments that decoding was a tenth of a 2 ms query).
 *
 * <p>Keys are compared by identity and held weakly: an entry goes when its manifest or record
 * does. A footer that fails to parse is not cached; every attempt fails the same way.
 */
final class ParsedFooters {
  private static final Cache<byte[], SegmentFooter> PARSED = CacheBuilder.newBuilder().weakKeys().build();

  private ParsedFooters() {}

  /**
   * The parsed form of {@code bytes}.
   *
   * @param layout and {@code relativeKey} name the object in an error
   * @throws dev.floe.storage.commit.FloeException CORRUPT_OBJECT, as {@link SegmentFooter#fromBytes}
   */
  static SegmentFooter of(byte[] bytes, TableLayout layout, String relativeKey) {
    SegmentFooter f = PARSED.getIfPresent(bytes);
    if (f == null) {
      f = SegmentFooter.fromBytes(bytes, layout.abs(relativeKey));
      PARSED.put(bytes, f);
    }
    return f;
  }
}
