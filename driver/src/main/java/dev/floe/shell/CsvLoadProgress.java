package dev.floe.shell;

import dev.floe.planner.csv.CsvProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;

/**
 * Shows a progress bar (megabytes read, rate, ETA, and rows so far) for a {@code floe.read_csv}
 * load once it has run for {@link #QUIET_MILLIS}; quick loads show nothing.
 */
final class CsvLoadProgress implements CsvProgress.Listener {
  static final long QUIET_MILLIS = 2000;

  private final PrintStream err;
  private final Runnable barShown;
  private long started = -1;
  private ProgressBar bar;

  /** {@code barShown} runs when a bar appears (the shell erases its own progress line then). */
  CsvLoadProgress(PrintStream err, Runnable barShown) {
    this.err = err;
    this.barShown = barShown;
  }

  @Override
  public synchronized void progress(String file, long bytes, long totalBytes, long rows) {
    long now = System.nanoTime();
    if (started < 0) {
      started = now;
    }
    if (bar == null && (now - started) / 1_000_000 >= QUIET_MILLIS) {
      barShown.run();
      bar = Progress.bar("Reading " + file, totalBytes, " MB", 1 << 20, err);
    }
    if (bar != null) {
      bar.stepTo(bytes);
      bar.setExtraMessage(String.format(" %,d rows", rows));
    }
  }

  @Override
  public synchronized void finished(String file, long rows) {
    if (bar != null) {
      bar.stepTo(bar.getMax());
      bar.close();
    }
    bar = null;
    started = -1;
  }
}
