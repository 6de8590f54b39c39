package dev.floe.jdbc;

import dev.floe.storage.io.memory.MemoryStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warms Calcite up once per JVM, on a daemon thread, when the first connection opens: Calcite
 * generates and compiles its metadata handlers and plan code on first use (hundreds of
 * milliseconds), which would otherwise land on the user's first query. It works on a private
 * in-memory store and its own connection; a failure is ignored (the user's query will simply pay
 * the cost).
 */
final class PlannerWarmup {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private PlannerWarmup() {}

  static void startOnce() {
    if (!STARTED.compareAndSet(false, true) || Boolean.getBoolean("floe.noWarmup")) {
      return;
    }
    Thread t = new Thread(PlannerWarmup::run, "floe-planner-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private static void run() {
    String name = "floe-warmup-" + UUID.randomUUID();
    try (Connection c = FloeDriver.connect(MemoryStore.open(name)); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE w (id BIGINT, sym VARCHAR, px DECIMAL(12,2), ts TIMESTAMP)");
      s.executeUpdate("INSERT INTO w VALUES (1, 'a', 1.00, TIMESTAMP '2026-01-01 00:00:00')");
      try (ResultSet rs = s.executeQuery("SELECT sym, COUNT(*), SUM(px) FROM w WHERE id > 0"
          + " AND ts < TIMESTAMP '2027-01-01 00:00:00' GROUP BY sym ORDER BY sym")) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    } catch (Exception | LinkageError e) {
      // warming up is an optimization only
    } finally {
      MemoryStore.discard(name);
    }
  }
}
