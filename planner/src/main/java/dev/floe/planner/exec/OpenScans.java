package dev.floe.planner.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * The scans a statement execution opened on the calling thread, so that when the execution fails
 * (an error in Calcite's code above a scan, say a cast of a text value), the driver closes them and
 * their Arrow buffers go back, instead of leaking until the connection closes. Calcite runs a
 * statement's scans on the thread that executes it; a scan that outlives a successful execution
 * belongs to its result set, which closes it.
 */
public final class OpenScans {
  private static final ThreadLocal<List<AutoCloseable>> OPENED = ThreadLocal.withInitial(ArrayList::new);

  private OpenScans() {}

  static void opened(AutoCloseable scan) {
    OPENED.get().add(scan);
  }

  /** Where the current execution starts in this thread's list. */
  public static int mark() {
    return OPENED.get().size();
  }

  /** After a failed execution: closes every scan it opened (best effort). */
  public static void closeSince(int mark) {
    List<AutoCloseable> list = OPENED.get();
    for (int i = list.size() - 1; i >= mark && i >= 0; i--) {
      try {
        list.remove(i).close();
      } catch (Exception | Error e) {
        // already failing: the execution's own error is the one to report
      }
    }
  }

  /** After a successful execution: its scans now belong to its result set. */
  public static void forget(int mark) {
    List<AutoCloseable> list = OPENED.get();
    while (list.size() > mark) {
      list.remove(list.size() - 1);
    }
  }
}
