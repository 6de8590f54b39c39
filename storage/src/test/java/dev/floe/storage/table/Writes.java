package dev.floe.storage.table;

/** The batch a worker appends: one segment labelled {@code worker:i} with {@code 1 + i % 3} rows. */
final class Writes {
  private Writes() {}

  static CommitResult appendBatch(Table t, String worker, int i) {
    return Opaque.append(t, worker + ":" + i, 1 + (i % 3));
  }

  static long rows(int i) {
    return 1 + (i % 3);
  }
}
