package dev.floe.shell;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The shell's progress bars: ASCII, on standard error (standard output stays for results), with rate and ETA. */
final class Progress {
  private Progress() {}

  /** A bar over {@code max} units of {@code unitSize} (e.g. rows, or MB of 1<<20 bytes). */
  static ProgressBar bar(String task, long max, String unit, long unitSize, PrintStream err) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setUnit(unit, unitSize)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(err, 100))
        .build();
  }
}
