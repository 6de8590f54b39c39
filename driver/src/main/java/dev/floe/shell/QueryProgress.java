package dev.floe.shell;

import dev.floe.storage.table.ScanProgress;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Shows how far a running statement has come once it has run for {@link #QUIET_MILLIS}: one line on
 * standard error ({@code Running 2.5 s: 12,345,678 rows scanned in 34 segments (Ctrl-C cancels)}, or
 * only the time while no table segment has been read),
 * redrawn four times a second and erased when the statement's rows are read. Quick statements show
 * nothing. The shell uses it only when it runs on a terminal.
 */
final class QueryProgress implements ScanProgress.Listener {
  static final long QUIET_MILLIS = 1000;
  private static final long REDRAW_MILLIS = 250;

  private final PrintStream err;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "floe-shell-progress");
    t.setDaemon(true);
    return t;
  });
  private final LongAdder rows = new LongAdder();
  private final LongAdder segments = new LongAdder();
  private ScheduledFuture<?> task;
  private long started;
  private int shown;

  QueryProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public void segment() {
    segments.increment();
  }

  @Override
  public void rows(long n) {
    rows.add(n);
  }

  /** A statement starts: counts from zero and shows progress if it is still running after the quiet time. */
  synchronized void start() {
    stop();
    rows.reset();
    segments.reset();
    started = System.nanoTime();
    task = timer.scheduleAtFixedRate(this::show, QUIET_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The statement ended (or its results are about to be printed): erases the line if one is shown. */
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    if (shown > 0) {
      err.print("\r" + " ".repeat(shown) + "\r");
      err.flush();
      shown = 0;
    }
  }

  private synchronized void show() {
    if (task == null) {
      return;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long read = segments.sum();
    String line = read == 0 ? String.format("Running %.1f s (Ctrl-C cancels)", seconds)
        : String.format("Running %.1f s: %,d rows scanned in %,d segments (Ctrl-C cancels)", seconds, rows.sum(), read);
    err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
    err.flush();
    shown = Math.max(shown, line.length());
  }
}
