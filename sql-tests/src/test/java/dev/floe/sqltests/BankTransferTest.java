package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bank transfers across two tables by separate JVM processes ({@link BankTransferMain}), some of
 * them SIGKILLed at random moments (often mid-COMMIT), while another process keeps reading both
 * tables in one statement. Each transfer is one JDBC transaction: two UPDATEs of {@code accounts} and
 * one INSERT into {@code ledger}. What must hold, on a folder and on S3 (s3proxy in this JVM):
 *
 * <ul>
 *   <li>multi-table atomicity, also across a kill: a transfer is in both tables or in neither, so at
 *       the end every balance is 1000 minus what the ledger says it sent plus what it received, and
 *       the balances sum to 1000 per account;
 *   <li>read-atomic statements: no read of the checking process ever sees a transfer in one table and
 *       not in the other (0 fractured reads, and some reads made);
 *   <li>durability of acknowledgements: every txid whose COMMIT returned (printed {@code ACK} before
 *       any kill) is in the ledger exactly once; no txid is there twice; and every ledger txid was
 *       either acknowledged or may have landed (the last attempt of a killed writer, or a 40003);
 *       none that lost a conflict (40001) landed;
 *   <li>liveness: no writer that ran to the end tried 10 transfers without committing one, and every
 *       writer not killed exits 0 (conflicts are still per segment, so transfers of different
 *       accounts do conflict; row-level conflicts are open work of issue 19);
 *   <li>every {@code UPDATE ... WHERE id = ?} reports exactly one row changed (a fresh writer started
 *       after a kill must not see an account twice).
 * </ul>
 *
 * <p>This fails until multi-table atomic transactions land: a COMMIT publishes one table after the
 * other, so readers see fractured states and a kill between the two leaves money without ledger rows.
 *
 * <p>Writing lasts {@value #DEFAULT_SECONDS} s per store by default; for a longer run: {@code mvn -B -o
 * -pl sql-tests -am verify -Dtest=BankTransferTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
 * -Dfloe.bank.seconds=90} (surefire passes system properties given on the command line to its fork).
 * {@code -Dfloe.bank.kills=N} sets the most writers killed per store (default 3, one every 1-4 s).
 */
class BankTransferTest {
  static final int ACCOUNTS = 20;
  static final int WRITERS = 3;
  static final int DEFAULT_SECONDS = 15;
  private static final Pattern RESULT =
      Pattern.compile("RESULT proc=(\\d+) acked=(\\d+) conflicts=(\\d+) unknown=(\\d+) badCounts=(\\d+)");
  private static final Pattern READS = Pattern.compile(
      "READS total=(\\d+) fractured=(\\d+) badRows=(\\d+) badTotals=(\\d+) errors=(\\d+)");

  @TempDir Path tmp;

  /** One writer process: its proc number (the txid prefix) and its JVM. */
  private record Writer(int proc, ChildJvm jvm) {}

  @ParameterizedTest
  @ValueSource(strings = {"file", "s3"})
  void transfersAreAtomicAcrossTablesKillsAndReads(String kind) throws Exception {
    String url = Stores.fresh(kind);
    try (Connection c = Stores.connect(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id INT NOT NULL, balance BIGINT NOT NULL)");
      s.execute("CREATE TABLE ledger (txid VARCHAR NOT NULL, proc INT NOT NULL, from_id INT NOT NULL,"
          + " to_id INT NOT NULL, amount BIGINT NOT NULL)");
      StringBuilder values = new StringBuilder("INSERT INTO accounts VALUES ");
      for (int id = 0; id < ACCOUNTS; id++) {
        values.append(id == 0 ? "" : ", ").append('(').append(id).append(", ")
            .append(BankTransferMain.OPENING_BALANCE).append(')');
      }
      s.execute(values.toString());
    }
    Path signals = Files.createDirectories(tmp.resolve("signals"));
    List<ChildJvm> children = new ArrayList<>();
    try {
      run(kind, url, signals, children);
    } finally {
      for (ChildJvm child : children) {
        child.kill(); // only those a failure left running: the others have ended by now
      }
    }
  }

  private void run(String kind, String url, Path signals, List<ChildJvm> children) throws Exception {
    int seconds = Integer.getInteger("floe.bank.seconds", DEFAULT_SECONDS);
    int maxKills = Integer.getInteger("floe.bank.kills", 3);
    ChildJvm reader = ChildJvm.start(BankTransferMain.class.getName(), List.of("reader", url,
        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, String.valueOf(ACCOUNTS), signals.toString()));
    children.add(reader);
    List<Writer> writers = new ArrayList<>();
    for (int p = 0; p < WRITERS; p++) {
      writers.add(startWriter(url, p, signals, children));
    }
    for (Writer w : writers) {
      awaitStarted(w.jvm(), "STARTED proc=" + w.proc());
    }
    awaitStarted(reader, "STARTED reader");

    // Kill a running writer every 1-4 s (a few times) and start a fresh one in its place.
    Random random = new Random();
    long began = System.nanoTime();
    long end = began + seconds * 1_000_000_000L;
    Set<Integer> killed = new HashSet<>();
    List<Writer> live = new ArrayList<>(writers);
    while (killed.size() < maxKills) {
      long pause = 1000 + random.nextInt(3001);
      if (System.nanoTime() + pause * 1_000_000L > end - 3_000_000_000L) {
        break;
      }
      Thread.sleep(pause);
      List<Writer> writing = live.stream().filter(w -> w.jvm().outputSoFar().contains("\nTRY ")).toList();
      List<Writer> candidates = writing.isEmpty() ? live : writing; // prefer one that has begun transferring
      Writer victim = candidates.get(random.nextInt(candidates.size()));
      victim.jvm().kill();
      killed.add(victim.proc());
      live.remove(victim);
      Writer fresh = startWriter(url, writers.size(), signals, children);
      writers.add(fresh);
      live.add(fresh);
    }
    long left = end - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000);
    }
    Files.createFile(signals.resolve("stop"));

    List<String> problems = new ArrayList<>();
    Set<String> acked = new HashSet<>();
    Set<String> mayHaveLanded = new HashSet<>();
    Set<String> lostConflicts = new HashSet<>();
    List<String> badCounts = new ArrayList<>();
    long conflicts = 0;
    for (Writer w : writers) {
      ChildJvm.Result r = w.jvm().await(180);
      String lastTry = null;
      int acks = 0;
      int tries = 0;
      for (String line : r.output().split("\n")) {
        String[] f = line.split(" ", 3);
        if (f.length < 2) {
          continue;
        }
        switch (f[0]) {
          case "TRY" -> {
            tries++;
            lastTry = f[1];
          }
          case "ACK" -> {
            acks++;
            if (!acked.add(f[1])) {
              problems.add("txid " + f[1] + " acknowledged twice");
            }
            lastTry = null;
          }
          case "CONFLICT" -> {
            conflicts++; // a killed writer's count too (its RESULT line never came)
            lostConflicts.add(f[1]);
            lastTry = null;
          }
          case "UNKNOWN" -> {
            mayHaveLanded.add(f[1]);
            lastTry = null;
          }
          case "GAVE-UP" -> lastTry = null;
          case "BADCOUNT" -> badCounts.add("writer " + w.proc() + ": " + line);
          default -> { }
        }
      }
      // Liveness, for writers that ran to the end: conflicts are still per segment (issue 19's row-level
      // conflicts are open work), so a writer can lose ten transfers in a row; one that was killed
      // meanwhile is not held to it.
      if (tries >= 10 && acks == 0 && !killed.contains(w.proc())) {
        problems.add("writer " + w.proc() + " tried " + tries + " transactions and committed none:\n"
            + tail(r.output()));
      }
      if (killed.contains(w.proc())) {
        if (lastTry != null) {
          mayHaveLanded.add(lastTry); // killed between TRY and its outcome: possibly mid-COMMIT
        }
        System.out.println(kind + ": killed proc=" + w.proc() + " acked=" + acks + " conflicts="
            + r.output().lines().filter(l -> l.startsWith("CONFLICT ")).count() + " in flight=" + lastTry);
        continue;
      }
      Matcher m = RESULT.matcher(r.output());
      if (r.exitStatus() != 0 || !m.find()) {
        problems.add("writer " + w.proc() + " exited " + r.exitStatus() + ":\n" + tail(r.output()));
        continue;
      }
      if (Integer.parseInt(m.group(2)) != acks) {
        problems.add("writer " + w.proc() + " counted " + m.group(2) + " acks but printed " + acks);
      }
      if (!m.group(4).equals("0")) {
        System.out.println(kind + ": writer " + w.proc() + " had commits of unknown outcome (40003): "
            + r.output().lines().filter(l -> l.startsWith("UNKNOWN ")).limit(3).toList());
      }
      System.out.println(kind + ": " + m.group());
    }

    if (!badCounts.isEmpty()) {
      problems.add(badCounts.size() + " UPDATEs ... WHERE id = ? of one account reported other than 1 row: "
          + badCounts.subList(0, Math.min(5, badCounts.size())));
    }

    ChildJvm.Result rr = reader.await(180);
    Matcher reads = READS.matcher(rr.output());
    long readCount = 0;
    long fractured = -1;
    if (rr.exitStatus() != 0 || !reads.find()) {
      problems.add("reader exited " + rr.exitStatus() + ":\n" + tail(rr.output()));
    } else {
      readCount = Long.parseLong(reads.group(1));
      fractured = Long.parseLong(reads.group(2));
      if (readCount < 3) {
        problems.add("the reader made only " + readCount + " reads: " + reads.group());
      }
      if (fractured != 0) {
        problems.add("fractured reads (a transfer seen in one table and not the other): " + reads.group() + "\n"
            + rr.output().lines().filter(l -> l.startsWith("FRACTURE")).reduce("", (a, b) -> a + "  " + b + "\n"));
      }
      if (!reads.group(5).equals("0")) {
        problems.add("reads failed: " + reads.group() + "\n" + rr.output().lines()
            .filter(l -> l.startsWith("READ-ERROR")).limit(5).reduce("", (a, b) -> a + "  " + b + "\n"));
      }
    }

    Map<String, Integer> ledger = checkFinalState(url, problems);
    for (String txid : acked) {
      if (!ledger.containsKey(txid)) {
        problems.add("acknowledged txid " + txid + " is not in the ledger");
      }
    }
    List<String> strays = new ArrayList<>();
    for (String txid : ledger.keySet()) {
      if (!acked.contains(txid) && !mayHaveLanded.contains(txid)) {
        strays.add(txid + (lostConflicts.contains(txid) ? " (lost a conflict: 40001)" : " (never attempted?)"));
      }
    }
    if (!strays.isEmpty()) {
      problems.add(strays.size() + " ledger txids neither acknowledged nor possibly in flight: "
          + strays.subList(0, Math.min(20, strays.size())));
    }
    if (acked.isEmpty()) {
      problems.add("no transfer was acknowledged");
    }

    double elapsed = (System.nanoTime() - began) / 1e9;
    System.out.println(String.format(Locale.ROOT,
        "bank %s: %d s, acked transfers=%d (%.1f/s), conflicts=%d, kills=%d, possibly in flight=%d,"
            + " ledger rows=%d, reads=%d, fractured=%d, problems=%d",
        kind, seconds, acked.size(), acked.size() / elapsed, conflicts, killed.size(), mayHaveLanded.size(),
        ledger.values().stream().mapToInt(Integer::intValue).sum(), readCount, fractured, problems.size()));
    assertTrue(problems.isEmpty(), kind + ": " + problems.size() + " problems:\n" + String.join("\n", problems));
  }

  /**
   * Checks the final tables from a fresh connection (balances agree with the ledger, the total is
   * kept, the row counts are sane, no txid twice) and returns the ledger's txids with their counts.
   */
  private static Map<String, Integer> checkFinalState(String url, List<String> problems) throws Exception {
    Map<String, Integer> ledger = new HashMap<>();
    try (Connection c = Stores.connect(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id), SUM(balance)"
          + " FROM accounts")) {
        rs.next();
        if (rs.getLong(1) != ACCOUNTS || rs.getLong(2) != ACCOUNTS || rs.getInt(3) != 0
            || rs.getInt(4) != ACCOUNTS - 1) {
          problems.add("accounts: " + rs.getLong(1) + " rows, " + rs.getLong(2) + " distinct ids "
              + rs.getInt(3) + ".." + rs.getInt(4) + "; expected ids 0.." + (ACCOUNTS - 1) + " once each");
        }
        if (rs.getLong(5) != ACCOUNTS * BankTransferMain.OPENING_BALANCE) {
          problems.add("money was created or destroyed: total balance " + rs.getLong(5) + ", expected "
              + ACCOUNTS * BankTransferMain.OPENING_BALANCE);
        }
      }
      List<String> disagree = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(BankTransferMain.CHECK + " ORDER BY a.id")) {
        while (rs.next()) {
          if (rs.getLong(2) != rs.getLong(3)) {
            disagree.add("account " + rs.getInt(1) + " balance " + rs.getLong(2) + " but ledger says " + rs.getLong(3));
          }
        }
      }
      if (!disagree.isEmpty()) {
        problems.add("final balances disagree with the ledger (a transfer in one table only):\n  "
            + String.join("\n  ", disagree));
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ledger WHERE from_id = to_id OR amount < 1"
          + " OR amount > 50 OR from_id < 0 OR from_id >= " + ACCOUNTS + " OR to_id < 0 OR to_id >= " + ACCOUNTS
          + " OR txid NOT LIKE 'p' || CAST(proc AS VARCHAR) || '-%'")) {
        rs.next();
        if (rs.getLong(1) != 0) {
          problems.add(rs.getLong(1) + " ledger rows are malformed");
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT txid, COUNT(*) FROM ledger GROUP BY txid");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ledger.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    List<String> twice = ledger.entrySet().stream().filter(e -> e.getValue() != 1)
        .map(e -> e.getKey() + " x" + e.getValue()).limit(20).toList();
    if (!twice.isEmpty()) {
      problems.add("txids in the ledger more than once: " + twice);
    }
    return ledger;
  }

  private static Writer startWriter(String url, int proc, Path signals, List<ChildJvm> children) throws Exception {
    ChildJvm jvm = ChildJvm.start(BankTransferMain.class.getName(), List.of("writer", url,
        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, String.valueOf(proc), String.valueOf(ACCOUNTS),
        signals.toString()));
    children.add(jvm);
    return new Writer(proc, jvm);
  }

  /** Waits (at most 150 s) until {@code child} has printed {@code line}; fails if it ends first. */
  private static void awaitStarted(ChildJvm child, String line) throws Exception {
    long deadline = System.nanoTime() + 150_000_000_000L;
    while (!child.outputSoFar().contains(line)) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        child.kill();
        throw new AssertionError("child did not print '" + line + "':\n" + tail(child.outputSoFar()));
      }
      Thread.sleep(50);
    }
  }

  private static String tail(String output) {
    return output.length() <= 4000 ? output : "..." + output.substring(output.length() - 4000);
  }
}
