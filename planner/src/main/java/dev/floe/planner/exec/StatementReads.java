package dev.floe.planner.exec;

import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.TableVersion;
import dev.floe.storage.table.ReadCut;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The latest table versions one JDBC call read while it planned and ran a statement, so that the
 * plan, run right after planning, scans the version planning read instead of asking the store
 * again (a cold table costs a catalog listing, a hint read and a log listing per resolution).
 *
 * <p>Within a scope, the versions of different tables form one read-atomic cut: no multi-table
 * transaction is seen in one table and missed in another (RFC 0005).
 *
 * <p>Contract: a version kept here was the latest at a moment inside the call, so a statement that
 * reads it still sees every commit that finished before the call began. The scope belongs to the
 * thread and to the call that opened it ({@link #open}); outside one (a prepared statement run
 * later, a plan cached from an earlier call, rows fetched after the call returned) every read asks
 * the store. Only LATEST reads are kept; versions chosen by number or time are not affected.
 */
public final class StatementReads {
  private static final ThreadLocal<Map<FloeStore, ReadCut>> CURRENT = new ThreadLocal<>();

  private StatementReads() {}

  /** A scope: closing it forgets what it kept. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Opens a scope for the current thread; inside a scope already open, the outer one is shared and
   * closing the inner one does nothing.
   */
  public static Scope open() {
    if (CURRENT.get() != null) {
      return () -> { };
    }
    CURRENT.set(new IdentityHashMap<>());
    return CURRENT::remove;
  }

  /**
   * The latest version of {@code table} as this call reads it: the one read earlier in the call's
   * scope, else {@code read}'s (kept for the rest of the call), chosen read-atomically with the
   * other tables the call read ({@link ReadCut}).
   */
  public static TableVersion latest(FloeStore store, String table, Supplier<TableVersion> read) {
    Optional<ReadCut> cut = cut(store);
    return cut.isPresent() ? cut.get().latest(table, read) : read.get();
  }

  /** The read cut of the call's scope for {@code store}, if a scope is open. */
  static Optional<ReadCut> cut(FloeStore store) {
    Map<FloeStore, ReadCut> scope = CURRENT.get();
    return scope == null ? Optional.empty() : Optional.of(scope.computeIfAbsent(store, s -> new ReadCut()));
  }
}
