package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Connections plan at the same time on different threads: the planner's steps are shared by
 * every connection of the JVM, so none may keep per-statement state in a shared instance.
 */
class ConcurrentPlanningTest {
  @Test
  void sixThreadsPlanAndRunDifferentStatementsAtOnce() throws Exception {
    String url = "jdbc:floe:mem:concurrent-planning-" + UUID.randomUUID();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sq (n INT NOT NULL, sq BIGINT, label VARCHAR, d DOUBLE)");
      s.executeUpdate("INSERT INTO sq VALUES (1, 1, 'one', 1.0), (2, 4, 'two', 2e0), (3, 9, 'three', NULL)");
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int thread = t;
        runs.add(pool.submit(() -> {
          int ok = 0;
          try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 0; i < 60; i++) {
              // a fresh SQL text each time, so that every iteration plans (no plan is reused)
              try (PreparedStatement p = c.prepareStatement(
                  "SELECT label, sq + " + i + " FROM sq WHERE sq = ? AND n > " + (-thread - i))) {
                p.setLong(1, 4);
                try (ResultSet rs = p.executeQuery()) {
                  rs.next();
                  assertEquals("two", rs.getString(1));
                  assertEquals(4 + i, rs.getLong(2));
                }
              }
              // a tall plan (many nodes for each planner step to walk), different each time
              StringBuilder union = new StringBuilder();
              for (int u = 0; u < 24; u++) {
                union.append(u == 0 ? "" : " UNION ALL ").append("SELECT n + ").append(u).append(" AS k FROM sq WHERE n <> ")
                    .append(i + 100 * thread + 1000);
              }
              try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                  "SELECT COUNT(*) FROM (" + union + ") AS u CROSS JOIN (VALUES (1, 1.5), (2, 2." + (i % 5)
                      + ")) AS v(a, b)")) {
                rs.next();
                assertEquals(24 * 3 * 2, rs.getLong(1));
              }
              ok++;
            }
          }
          return ok;
        }));
      }
      for (Future<Integer> f : runs) {
        assertEquals(60, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
