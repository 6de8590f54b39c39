package dev.floe.planner.csv;

/**
 * Where {@code floe.read_csv} reports how far a read has come, for a progress bar. One listener per
 * JVM (the {@code floe} shell sets it); none by default. Listeners are called on the reading
 * thread, every few thousand rows, and must be quick.
 */
public final class CsvProgress {
  /** Receives progress of CSV reads. */
  public interface Listener {
    /** A read of {@code file} ({@code totalBytes} long) has read {@code bytes} and {@code rows} so far. */
    void progress(String file, long bytes, long totalBytes, long rows);

    /** The read ended (completely or not) after {@code rows} rows. */
    void finished(String file, long rows);
  }

  private static volatile Listener listener;

  private CsvProgress() {}

  /** Sets the JVM's listener; null removes it. */
  public static void listen(Listener l) {
    listener = l;
  }

  static Listener current() {
    return listener;
  }
}
