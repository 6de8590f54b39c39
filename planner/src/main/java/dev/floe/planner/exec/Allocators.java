package dev.floe.planner.exec;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** The Arrow allocator the SQL layer writes rows with (reads use the store's own). */
public final class Allocators {
  private static final BufferAllocator ROOT = new RootAllocator();

  private Allocators() {}

  /** A child allocator for one statement; close it when the statement's vectors are closed. */
  public static BufferAllocator forStatement(String name) {
    return ROOT.newChildAllocator(name, 0, Long.MAX_VALUE);
  }
}
