package dev.floe.sqltests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The child process of {@link MultiProcessInsertTest}: connects to a Floe URL, announces it is
 * ready, waits for the go signal, then inserts {@code batches} JDBC batches of {@code rows} rows
 * into {@code events} with ids {@code process * batches * rows + i}, each batch as one commit
 * (autocommit, or a transaction per batch when {@code mode} is "tx"). A batch that fails with a
 * commit conflict (SQLState 40001) is retried whole; any other failure ends the process with status
 * 2. Prints one line {@code RESULT process=P rows=R conflicts=C} on success.
 */
public final class BatchInserterMain {
  private BatchInserterMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int process = Integer.parseInt(args[3]);
    int batches = Integer.parseInt(args[4]);
    int rows = Integer.parseInt(args[5]);
    boolean transactional = args[6].equals("tx");
    Path signals = Path.of(args[7]);
    Properties credentials = new Properties();
    credentials.setProperty("user", args[1]);
    credentials.setProperty("password", args[2]);

    long started = System.nanoTime();
    long raceStarted = 0;
    int conflicts = 0;
    int inserted = 0;
    try (Connection c = DriverManager.getConnection(url, credentials)) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
        rs.next(); // warm up the planner before the race starts
      }
      Files.createFile(signals.resolve("ready-" + process));
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!Files.exists(signals.resolve("go"))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no go signal within 120 s");
        }
        Thread.sleep(5);
      }
      raceStarted = System.nanoTime();
      c.setAutoCommit(!transactional);
      for (int b = 0; b < batches; b++) {
        long first = ((long) process * batches + b) * rows;
        while (true) {
          try {
            inserted += insertBatch(c, process, first, rows, transactional);
            break;
          } catch (SQLException e) {
            if (!isConflict(e)) {
              throw e;
            }
            conflicts++;
            if (transactional) {
              c.rollback();
            }
          }
        }
      }
    } catch (Exception e) {
      System.out.println("FAILED process=" + process + ": " + e);
      e.printStackTrace(System.out);
      System.exit(2);
    }
    long now = System.nanoTime();
    System.out.println("RESULT process=" + process + " rows=" + inserted + " conflicts=" + conflicts
        + " startup_ms=" + (raceStarted - started) / 1_000_000 + " insert_ms=" + (now - raceStarted) / 1_000_000);
  }

  private static int insertBatch(Connection c, int process, long first, int rows, boolean transactional)
      throws SQLException {
    int count = 0;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?)")) {
      for (int i = 0; i < rows; i++) {
        ps.setLong(1, first + i);
        ps.setInt(2, process);
        ps.setString(3, "p" + process + "-" + (first + i));
        ps.addBatch();
      }
      for (int n : ps.executeBatch()) {
        if (n != 1 && n != Statement.SUCCESS_NO_INFO) {
          throw new IllegalStateException("executeBatch reported " + n + " rows for one INSERT");
        }
        count++;
      }
    }
    if (transactional) {
      c.commit();
    }
    return count;
  }

  private static boolean isConflict(SQLException e) {
    return e instanceof SQLTransactionRollbackException && "40001".equals(e.getSQLState());
  }
}
