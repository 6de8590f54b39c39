package dev.floe.planner.ddl;

import java.util.ArrayList;
import java.util.List;

/**
 * Notices a DDL statement leaves for the client (the driver turns them into {@link
 * java.sql.SQLWarning}s on the connection): what a statement that succeeded did differently from
 * what its words suggest. Kept per thread, since a statement runs on its caller's thread; the
 * driver drains them after each statement.
 */
public final class DdlNotices {
  private static final ThreadLocal<List<String>> PENDING = ThreadLocal.withInitial(ArrayList::new);

  private DdlNotices() {}

  static void add(String notice) {
    PENDING.get().add(notice);
  }

  /** The notices left by statements run on this thread since the last call, oldest first; forgets them. */
  public static List<String> drain() {
    List<String> out = PENDING.get();
    if (out.isEmpty()) {
      return List.of();
    }
    PENDING.remove();
    return out;
  }
}
