package dev.floe.storage.table;

import dev.floe.storage.io.StoreConfig;

/**
 * A separate process that appends to one table: {@code AppendWorker <location> <table> <worker number>
 * <count> [s3 endpoint]}. Used by {@link MultiProcessAppendTest}; exits 0 after {@code count} acknowledged
 * appends, 1 on any failure.
 */
public final class AppendWorker {
  private AppendWorker() {}

  public static void main(String[] args) {
    String location = args[0];
    String table = args[1];
    int worker = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    StoreConfig config = StoreConfig.DEFAULTS;
    if (args.length > 4) {
      // an S3-compatible endpoint; credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
      config = config.withEndpoint(args[4]).withRegion("us-east-1").withPathStyle(true);
    }
    try (FloeStore f = FloeStore.open(location, config)) {
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
