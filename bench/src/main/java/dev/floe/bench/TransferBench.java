package dev.floe.bench;

import dev.floe.jdbc.FloeDriver;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.io.StoreConfig;
import dev.floe.storage.io.StoreOp;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bank transfer benchmark (not a test): transfers per second through Floe's JDBC driver with 1, 4
 * and 8 concurrent writers (threads, each its own Connection) on one database, for two workloads:
 * {@code disjoint} (each writer moves money only among its own {@value #PER_WRITER} accounts) and
 * {@code overlapping} (every writer on the same {@value #PER_WRITER} accounts). A transfer is one
 * transaction shaped like a Spring {@code @Transactional} service's: autocommit off, {@code UPDATE
 * accounts SET balance = balance - ? WHERE id = ?}, the same with {@code +}, {@code INSERT INTO ledger
 * VALUES (?,?,?,?,?)}, {@code commit}; a 40001 rolls back and runs the transfer again (counted as a
 * conflict). Every cell gets a fresh, empty database. After each cell the total balance is checked.
 *
 * <p>Also prints the store requests of one transaction that writes one table (two UPDATEs of {@code
 * accounts}) and of one that writes two (the transfer), on a folder store, counted by a {@link
 * CountingStore} under {@link FloeDriver#connect(ObjectStore)}: the statements' requests and the
 * COMMIT's apart, warm connection, median of 5.
 *
 * <p>Run (after {@code mvn -B -o -pl bench -am package -DskipTests}): {@code java -cp
 * bench/target/classes:$(cat bench/target/classpath.txt) dev.floe.bench.TransferBench [seconds-per-cell
 * [jdbc:floe:s3://bucket/prefix?endpoint=... | s3proxy]]} (default 5 s; with an S3 URL, credentials from
 * the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables, a fresh sub-prefix per cell;
 * {@code s3proxy} starts an s3proxy server on 127.0.0.1 in this JVM and measures it). Backend {@code
 * mem+20ms} is an in-memory store that answers every request after 20 ms.
 */
public final class TransferBench {
  static final int PER_WRITER = 4;
  static final long OPENING_BALANCE = 1_000_000;

  private TransferBench() {}

  /** One row of the table. */
  public record Result(String backend, int writers, String workload, long transfers, double transfersPerSecond,
      double conflictsPerTransfer, double yieldsPerTransfer, boolean balanced) {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    String s3 = args.length > 1 ? args[1] : null;
    if ("s3proxy".equals(s3)) { // an s3proxy server on 127.0.0.1, started here (the storage tests' fixture)
      try (dev.floe.storage.testing.S3ProxyServer server = dev.floe.storage.testing.S3ProxyServer.startTransient()) {
        proxyUser = server.credentials().accessKey();
        proxyPassword = server.credentials().secretKey();
        String url = "jdbc:floe:" + dev.floe.storage.testing.S3ProxyServer.location(server.createBucket("transfers"))
            + "/floe?endpoint=" + server.endpoint() + "&region=us-east-1";
        run(seconds, new int[] {1, 4, 8}, List.of("file", "mem+20ms", "s3"), url, System.out);
      }
      return;
    }
    run(seconds, new int[] {1, 4, 8}, s3 == null ? List.of("file", "mem+20ms") : List.of("file", "mem+20ms", "s3"), s3,
        System.out);
  }

  /** Runs everything, printing the round trips and a markdown table; returns the table's rows. */
  public static List<Result> run(double seconds, int[] writers, String s3Url, PrintStream out) throws Exception {
    return run(seconds, writers, s3Url == null ? List.of("file") : List.of("file", "s3"), s3Url, out);
  }

  /** As above, on the named backends ({@code file}, {@code mem+20ms}, {@code s3} with {@code s3Url}). */
  public static List<Result> run(double seconds, int[] writers, List<String> backends, String s3Url, PrintStream out)
      throws Exception {
    out.println(roundTrips());
    out.println();
    out.println("| backend | writers | workload | transfers | transfers/s | conflicts per transfer | yields per transfer"
        + " | total kept |");
    out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    List<Result> results = new ArrayList<>();
    for (String backend : backends) {
      for (String workload : List.of("disjoint", "overlapping")) {
        for (int n : writers) {
          String url = switch (backend) {
            case "file" -> "jdbc:floe:file:" + Files.createTempDirectory("floe-transfer-bench-");
            case "mem+20ms" -> DELAYED + "transfer-bench-" + UUID.randomUUID();
            default -> subPrefix(s3Url, "transfer-bench-" + UUID.randomUUID());
          };
          Result r = measure(backend, url, n, workload, seconds);
          results.add(r);
          out.println(String.format(Locale.ROOT, "| %s | %d | %s | %d | %.1f | %.2f | %.2f | %s |", r.backend(),
              r.writers(), r.workload(), r.transfers(), r.transfersPerSecond(), r.conflictsPerTransfer(),
              r.yieldsPerTransfer(), r.balanced() ? "yes" : "NO"));
        }
      }
    }
    return results;
  }

  /** {@code jdbc:floe:s3://bucket/prefix?query} with {@code /name} appended to the prefix. */
  static String subPrefix(String url, String name) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    return (base.endsWith("/") ? base : base + "/") + name + (q < 0 ? "" : url.substring(q));
  }

  static Result measure(String backend, String url, int writers, String workload, double seconds)
      throws Exception {
    boolean disjoint = workload.equals("disjoint");
    int accounts = disjoint ? writers * PER_WRITER : PER_WRITER;
    try (Connection c = connect(url)) {
      setUp(c, accounts);
    }
    CyclicBarrier start = new CyclicBarrier(writers + 1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    AtomicLong transfers = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    List<Future<?>> futures = new ArrayList<>();
    long[] deadline = new long[1];
    for (int w = 0; w < writers; w++) {
      int first = disjoint ? w * PER_WRITER : 0;
      int ww = w;
      futures.add(pool.submit(() -> {
        try (Connection c = connect(url); Transfers t = new Transfers(c)) {
          t.warmUp();
          start.await();
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (long n = 0; System.nanoTime() < deadline[0]; n++) {
            int from = first + random.nextInt(PER_WRITER);
            int to = first + (from - first + 1 + random.nextInt(PER_WRITER - 1)) % PER_WRITER;
            conflicts.addAndGet(t.transfer("w" + ww + "-" + n, ww, from, to, 1 + random.nextInt(100)));
            transfers.incrementAndGet();
          }
        }
        return null;
      }));
    }
    deadline[0] = System.nanoTime() + (long) (seconds * 1e9); // published to the writers by the barrier
    long began = System.nanoTime();
    long yieldsBefore = dev.floe.storage.table.MultiTableCommit.yields();
    start.await(300, TimeUnit.SECONDS);
    for (Future<?> f : futures) {
      f.get();
    }
    double elapsed = (System.nanoTime() - began) / 1e9;
    long yields = dev.floe.storage.table.MultiTableCommit.yields() - yieldsBefore;
    pool.shutdown();
    boolean balanced;
    try (Connection c = connect(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT SUM(balance), COUNT(*) FROM accounts")) {
      rs.next();
      balanced = rs.getLong(1) == accounts * OPENING_BALANCE && rs.getLong(2) == accounts;
    }
    long n = transfers.get();
    return new Result(backend, writers, workload, n, n / elapsed, n == 0 ? 0 : conflicts.get() / (double) n,
        n == 0 ? 0 : yields / (double) n, balanced);
  }

  static void setUp(Connection c, int accounts) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id INT NOT NULL, balance BIGINT NOT NULL)");
      s.execute("CREATE TABLE ledger (txid VARCHAR NOT NULL, proc INT NOT NULL, from_id INT NOT NULL,"
          + " to_id INT NOT NULL, amount BIGINT NOT NULL)");
      StringBuilder sql = new StringBuilder("INSERT INTO accounts VALUES ");
      for (int id = 0; id < accounts; id++) {
        sql.append(id == 0 ? "" : ", ").append('(').append(id).append(", ").append(OPENING_BALANCE).append(')');
      }
      s.execute(sql.toString());
    }
  }

  /** Credentials of the s3proxy server {@link #main} started, if it did. */
  private static String proxyUser;
  private static String proxyPassword;

  /**
   * Pseudo-URL prefix of an in-memory store whose every request takes 20 ms (a real S3 region's round
   * trip, without s3proxy's CPU on this machine): the protocol's scaling when latency, not CPU, bounds
   * each writer.
   */
  static final String DELAYED = "delayed:";

  static Connection connect(String url) throws SQLException {
    if (url.startsWith(DELAYED)) {
      return FloeDriver.connect(new TransactionRoundTrips.Delayed(
          dev.floe.storage.io.memory.MemoryStore.open(url.substring(DELAYED.length())), 20));
    }
    Properties p = new Properties();
    String key = proxyUser != null ? proxyUser : System.getenv("AWS_ACCESS_KEY_ID");
    String secret = proxyPassword != null ? proxyPassword : System.getenv("AWS_SECRET_ACCESS_KEY");
    if (url.startsWith("jdbc:floe:s3:") && key != null && secret != null) {
      p.setProperty("user", key);
      p.setProperty("password", secret);
    }
    return DriverManager.getConnection(url, p);
  }

  /**
   * Store requests of a warm connection's one-table transaction (two UPDATEs) and two-table
   * transaction (two UPDATEs and an INSERT), statements and COMMIT apart, on a fresh folder store.
   */
  static String roundTrips() throws Exception {
    Path dir = Files.createTempDirectory("floe-transfer-bench-io-");
    CountingStore counting = new CountingStore(ObjectStores.open("file:" + dir, StoreConfig.DEFAULTS));
    try (counting; Connection c = FloeDriver.connect(counting)) {
      setUp(c, 2);
      try (Transfers t = new Transfers(c)) {
        t.warmUp();
        String one = median(counting, t, false);
        String two = median(counting, t, true);
        return "store requests per transaction (folder, warm connection, median of 5):\n"
            + "- 1 table (2 UPDATEs): " + one + "\n"
            + "- 2 tables (2 UPDATEs + 1 INSERT): " + two;
      }
    }
  }

  private static String median(CountingStore counting, Transfers t, boolean ledger) throws SQLException {
    List<long[]> runs = new ArrayList<>();
    List<CountingStore.Counts> commits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      counting.reset();
      t.statements("io-" + ledger + "-" + i, 0, 0, 1, 1, ledger);
      CountingStore.Counts statements = counting.counts();
      t.connection.commit();
      CountingStore.Counts commit = counting.counts().minus(statements);
      runs.add(new long[] {statements.totalRequests(), commit.totalRequests()});
      commits.add(commit);
    }
    runs.sort((a, b) -> Long.compare(a[0] + a[1], b[0] + b[1]));
    long[] m = runs.get(2);
    CountingStore.Counts last = commits.get(commits.size() - 1);
    StringBuilder ops = new StringBuilder();
    for (StoreOp op : StoreOp.values()) {
      if (last.requests(op) > 0) {
        ops.append(ops.length() == 0 ? "" : " ").append(op).append('=').append(last.requests(op));
      }
    }
    return (m[0] + m[1]) + " requests (statements " + m[0] + ", COMMIT " + m[1] + "; last COMMIT: " + ops + ")";
  }

  /** One writer's prepared statements; a transfer retries on 40001. */
  static final class Transfers implements AutoCloseable {
    final Connection connection;
    private final PreparedStatement debit;
    private final PreparedStatement credit;
    private final PreparedStatement entry;

    Transfers(Connection c) throws SQLException {
      connection = c;
      c.setAutoCommit(false);
      debit = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
      credit = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
      entry = c.prepareStatement("INSERT INTO ledger VALUES (?,?,?,?,?)");
    }

    /** Plans the statements once (a transfer of 0 rolled back). */
    void warmUp() throws SQLException {
      statements("warm-up", 0, 0, 1, 0, true);
      connection.rollback();
    }

    /** Runs one transfer to COMMIT; returns the conflicts (40001) it lost on the way. */
    int transfer(String txid, int proc, int from, int to, long amount) throws SQLException {
      for (int conflicts = 0; ; conflicts++) {
        try {
          statements(txid + (conflicts == 0 ? "" : "-r" + conflicts), proc, from, to, amount, true);
          connection.commit();
          return conflicts;
        } catch (SQLException e) {
          connection.rollback();
          if (!"40001".equals(e.getSQLState())) {
            throw e;
          }
        }
      }
    }

    void statements(String txid, int proc, int from, int to, long amount, boolean ledger) throws SQLException {
      debit.setLong(1, amount);
      debit.setInt(2, from);
      debit.executeUpdate();
      credit.setLong(1, amount);
      credit.setInt(2, to);
      credit.executeUpdate();
      if (ledger) {
        entry.setString(1, txid);
        entry.setInt(2, proc);
        entry.setInt(3, from);
        entry.setInt(4, to);
        entry.setLong(5, amount);
        entry.executeUpdate();
      }
    }

    @Override
    public void close() throws SQLException {
      debit.close();
      credit.close();
      entry.close();
    }
  }
}
