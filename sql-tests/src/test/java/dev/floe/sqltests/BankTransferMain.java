package dev.floe.sqltests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The child processes of {@link BankTransferTest}, in one of two roles.
 *
 * <p>{@code writer url user password proc accounts signals}: moves money between two accounts in
 * one JDBC transaction per transfer, the way a Spring {@code @Transactional} service would (autocommit
 * off, two prepared UPDATEs of {@code accounts} and one prepared INSERT into {@code ledger}, then
 * {@code commit}), until the file {@code stop} appears in {@code signals}. Most transfers stay within
 * the process's own accounts ({@code id % 3 == proc % 3}); one in five may touch any account. Before
 * each transaction it prints {@code TRY <txid>}, and after it exactly one of {@code ACK <txid>} (commit
 * returned), {@code CONFLICT <txid>} (40001: rolled back, the transfer retried under a new txid) or
 * {@code UNKNOWN <txid>} (40003, or any other class 40 state: it may or may not have landed); so a
 * killed writer's txid that may have landed is its last {@code TRY} without an outcome. Txids are
 * {@code p<proc>-<n>}. Any other failure ends the process with status 2. At the end it prints {@code
 * RESULT proc=<p> acked=<n> conflicts=<n> unknown=<n>}.
 *
 * <p>{@code reader url user password accounts signals}: until {@code stop} appears (and once more
 * after it), runs one statement that reads both tables and checks, for every account, that its
 * balance is 1000 minus what the ledger says it sent plus what it received, and that the balances
 * sum to {@code accounts * 1000}. A read where either fails is fractured: the statement saw a
 * transfer in one table and not in the other. Prints up to 10 {@code FRACTURE ...} lines, then
 * {@code READS total=<n> fractured=<n> badRows=<n> badTotals=<n> errors=<n>}.
 */
public final class BankTransferMain {
  static final long OPENING_BALANCE = 1000;

  /** The reader's statement: one row per account, with the ledger's view of it and the total balance. */
  static final String CHECK = "SELECT a.id, a.balance,"
      + " 1000 - COALESCE((SELECT SUM(l.amount) FROM ledger l WHERE l.from_id = a.id), 0)"
      + " + COALESCE((SELECT SUM(l.amount) FROM ledger l WHERE l.to_id = a.id), 0) AS expected,"
      + " t.total, t.n"
      + " FROM accounts a CROSS JOIN (SELECT SUM(balance) AS total, COUNT(*) AS n FROM accounts) t";

  private BankTransferMain() {}

  public static void main(String[] args) throws Exception {
    Properties credentials = new Properties();
    credentials.setProperty("user", args[2]);
    credentials.setProperty("password", args[3]);
    try {
      if (args[0].equals("writer")) {
        write(args[1], credentials, Integer.parseInt(args[4]), Integer.parseInt(args[5]), Path.of(args[6]));
      } else {
        read(args[1], credentials, Integer.parseInt(args[4]), Path.of(args[5]));
      }
    } catch (Exception e) {
      System.out.println("FAILED " + args[0] + ": " + e);
      e.printStackTrace(System.out);
      System.out.flush();
      System.exit(2);
    }
  }

  private static void write(String url, Properties credentials, int proc, int accounts, Path signals)
      throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int acked = 0;
    int conflicts = 0;
    int unknown = 0;
    int badCounts = 0;
    int n = 0;
    try (Connection c = DriverManager.getConnection(url, credentials)) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM accounts")) {
        rs.next(); // warm up the planner
      }
      c.setAutoCommit(false);
      try (PreparedStatement debit = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
          PreparedStatement credit = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
          PreparedStatement entry = c.prepareStatement("INSERT INTO ledger VALUES (?,?,?,?,?)")) {
        // warm up the planner and the cold JVM on a transfer of 0 that is rolled back, so that the
        // first transfers (and the kills among them) run at speed
        debit.setLong(1, 0);
        debit.setInt(2, 0);
        debit.executeUpdate();
        credit.setLong(1, 0);
        credit.setInt(2, 1);
        credit.executeUpdate();
        entry.setString(1, "warm-up");
        entry.setInt(2, proc);
        entry.setInt(3, 0);
        entry.setInt(4, 1);
        entry.setLong(5, 0);
        entry.executeUpdate();
        c.rollback();
        say("STARTED proc=" + proc);
        while (!Files.exists(signals.resolve("stop"))) {
          int from = pick(random, proc, accounts);
          int to = pick(random, proc, accounts);
          while (to == from) {
            to = random.nextInt(accounts);
          }
          long amount = 1 + random.nextInt(50);
          while (true) { // a lost conflict runs the same transfer again under a new txid
            String txid = "p" + proc + "-" + n++;
            say("TRY " + txid);
            try {
              if (!updateOne(debit, amount, from, txid) || !updateOne(credit, amount, to, txid)) {
                badCounts++;
                rollbackQuietly(c); // a wrong row count: give the transfer up, and say so
                say("GAVE-UP " + txid);
                break;
              }
              entry.setString(1, txid);
              entry.setInt(2, proc);
              entry.setInt(3, from);
              entry.setInt(4, to);
              entry.setLong(5, amount);
              if (entry.executeUpdate() != 1) {
                throw new IllegalStateException("INSERT of " + txid + " did not report one row");
              }
              c.commit();
              acked++;
              say("ACK " + txid);
              break;
            } catch (SQLException e) {
              String state = e.getSQLState();
              if (state == null || !state.startsWith("40")) {
                throw e;
              }
              rollbackQuietly(c);
              if (state.equals("40001")) {
                conflicts++;
                say("CONFLICT " + txid);
              } else {
                unknown++;
                say("UNKNOWN " + txid + " " + state + " " + e.getMessage());
                break;
              }
            }
          }
        }
      }
    }
    say("RESULT proc=" + proc + " acked=" + acked + " conflicts=" + conflicts + " unknown=" + unknown
        + " badCounts=" + badCounts);
  }

  /** An account: mostly one of this writer's own ({@code id % 3 == proc % 3}), sometimes any. */
  private static int pick(ThreadLocalRandom random, int proc, int accounts) {
    if (random.nextInt(5) == 0) {
      return random.nextInt(accounts);
    }
    int own = proc % 3;
    int count = (accounts - own + 2) / 3;
    return own + 3 * random.nextInt(count);
  }

  /** Runs one UPDATE; false (after printing {@code BADCOUNT}) if it did not report exactly one row. */
  private static boolean updateOne(PreparedStatement update, long amount, int id, String txid) throws SQLException {
    update.setLong(1, amount);
    update.setInt(2, id);
    int rows = update.executeUpdate();
    if (rows != 1) {
      say("BADCOUNT " + txid + " UPDATE of account " + id + " reported " + rows + " rows");
      return false;
    }
    return true;
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      say("ROLLBACK-FAILED " + e);
    }
  }

  private static void read(String url, Properties credentials, int accounts, Path signals) throws Exception {
    long total = 0;
    long fractured = 0;
    long badRows = 0;
    long badTotals = 0;
    long errors = 0;
    long expectedTotal = accounts * OPENING_BALANCE;
    try (Connection c = DriverManager.getConnection(url, credentials); Statement s = c.createStatement()) {
      say("STARTED reader");
      boolean last = false;
      while (!last) {
        Thread.sleep(10); // leave the writers some CPU on a small machine
        last = Files.exists(signals.resolve("stop"));
        int bad = 0;
        int rows = 0;
        long sum = 0;
        StringBuilder detail = new StringBuilder();
        try (ResultSet rs = s.executeQuery(CHECK)) {
          while (rs.next()) {
            rows++;
            long balance = rs.getLong(2);
            long expected = rs.getLong(3);
            sum += balance;
            if (balance != expected) {
              bad++;
              detail.append(" id=").append(rs.getInt(1)).append(" balance=").append(balance)
                  .append(" ledger_says=").append(expected);
            }
            if (rs.getLong(4) != expectedTotal || rs.getLong(5) != accounts) {
              detail.append(" total=").append(rs.getLong(4)).append(" n=").append(rs.getLong(5));
            }
          }
        } catch (SQLException e) {
          errors++;
          say("READ-ERROR " + e.getSQLState() + " " + e.getMessage());
          continue;
        }
        total++;
        boolean badTotal = rows != accounts || sum != expectedTotal || detail.indexOf(" total=") >= 0;
        badRows += bad;
        if (badTotal) {
          badTotals++;
          detail.append(" rows=").append(rows).append(" sum=").append(sum);
        }
        if (bad > 0 || badTotal) {
          fractured++;
          if (fractured <= 10) {
            say("FRACTURE read=" + total + detail);
          }
        }
      }
    }
    say("READS total=" + total + " fractured=" + fractured + " badRows=" + badRows + " badTotals=" + badTotals
        + " errors=" + errors);
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
