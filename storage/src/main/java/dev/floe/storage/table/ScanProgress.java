package dev.floe.storage.table;

/**
 * Where table scans report how far they have come, for a progress display. One listener per JVM
 * (the {@code floe} shell sets it); none by default, and then a scan pays one volatile read per
 * batch. Listeners are called on the reading thread and must be quick.
 */
public final class ScanProgress {
  /** Receives progress of table scans. */
  public interface Listener {
    /** A scan began reading one more segment. */
    void segment();

    /** A scan read a batch of {@code rows} rows (before its predicate selects among them). */
    void rows(long rows);
  }

  private static volatile Listener listener;

  private ScanProgress() {}

  /** Sets the JVM's listener; null removes it. */
  public static void listen(Listener l) {
    listener = l;
  }

  static void segment() {
    Listener l = listener;
    if (l != null) {
      l.segment();
    }
  }

  static void rows(long rows) {
    Listener l = listener;
    if (l != null) {
      l.rows(rows);
    }
  }
}
