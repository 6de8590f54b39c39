package dev.floe.storage.table;

import dev.floe.storage.io.StoreConfig;

/**
 * A separate process that appends to one table: {@code AppendWorker <location> <table> <worker number>
 * <count>}. Used by {@link MultiProcessAppendTest}; exits 0 after {@code count} acknowledged
 * appends, 1 on any failure.
 */
public final class AppendWorker {
  private AppendWorker() {}

  public static void main(String[] args) {
    String location = args[0];
    String table = args[1];
    int worker = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    try (FloeStore f = FloeStore.open(location, StoreConfig.DEFAULTS)) {
      Table t = f.table(table);
      for (int i = 0; i < count; i++) {
        Writes.appendBatch(t, f.allocator(), worker, i);
      }
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }
}
