package dev.floe.shell;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;

/**
 * {@code floe demo}: loads a generated trading time series, {@code ticks(ts, symbol, venue, price,
 * qty)}, into the store through ordinary JDBC batches, one commit per {@link #BATCH} rows (so the
 * table has a history to travel in), with a progress bar, then prints queries to try. The data is
 * the same on every run (fixed seed). An existing {@code ticks} table is left as it is.
 */
final class Demo {
  static final String TABLE = "ticks";
  static final int BATCH = 100_000;
  static final LocalDateTime START = LocalDateTime.of(2026, 1, 2, 9, 30);
  private static final String[] VENUES = {"XNAS", "XNYS", "ARCX", "BATS", "IEXG"};
  private static final int SYMBOLS = 300;

  private Demo() {}

  /**
   * Loads the demo table (unless it exists) and prints the queries.
   *
   * @return 0, or 2 when a statement failed (reported on {@code err})
   */
  static int run(String url, long rows, PrintStream out, PrintStream err) {
    try (Connection c = DriverManager.getConnection(url)) {
      if (c.getMetaData().getTables(null, null, TABLE, null).next()) {
        long n;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
          rs.next();
          n = rs.getLong(1);
        }
        out.printf("Table %s already exists with %,d rows; DROP TABLE %s to load it again.%n", TABLE, n, TABLE);
      } else {
        load(c, rows, out, err);
      }
      out.println();
      out.println("Try:");
      for (String q : queries()) {
        out.println("  " + q);
      }
      out.println();
      return 0;
    } catch (SQLException e) {
      err.println("Error: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
      return 2;
    }
  }

  /** The example queries printed after the load; each runs as printed. */
  static List<String> queries() {
    return List.of(
        "SELECT symbol, COUNT(*) AS trades, SUM(qty) AS volume, AVG(price) AS avg_price FROM ticks"
            + " GROUP BY symbol ORDER BY volume DESC LIMIT 5;",
        "SELECT venue, MIN(price) AS low, MAX(price) AS high FROM ticks WHERE symbol = 'AAPX'"
            + " AND ts BETWEEN TIMESTAMP '2026-01-02 09:35:00' AND TIMESTAMP '2026-01-02 09:40:00' GROUP BY venue;",
        "SELECT COUNT(*) AS rows_after_first_commit FROM TABLE(floe.at_version('ticks', 1));"
            + "  -- time travel: version 0 is the empty table, version 1 its first commit of rows");
  }

  private static void load(Connection c, long rows, PrintStream out, PrintStream err) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE " + TABLE + " (ts TIMESTAMP NOT NULL, symbol VARCHAR NOT NULL,"
          + " venue VARCHAR NOT NULL, price DOUBLE NOT NULL, qty BIGINT NOT NULL)");
    }
    Random random = new Random(20260102L);
    String[] symbols = symbols(random);
    double[] prices = new double[SYMBOLS];
    for (int i = 0; i < SYMBOLS; i++) {
      prices[i] = 10 + random.nextInt(490) + random.nextInt(100) / 100.0;
    }
    long millis = START.atZone(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    long started = System.nanoTime();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?, ?)");
        ProgressBar bar = Progress.bar("Loading " + TABLE, rows, " rows", 1, err)) {
      long inBatch = 0;
      for (long r = 0; r < rows; r++) {
        millis += random.nextInt(20);
        int sym = skewed(random);
        prices[sym] = Math.max(1, Math.round(prices[sym] * (1 + (random.nextGaussian() * 0.0005)) * 100) / 100.0);
        ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.ofEpochSecond(millis / 1000,
            (int) (millis % 1000) * 1_000_000, java.time.ZoneOffset.UTC)));
        ps.setString(2, symbols[sym]);
        ps.setString(3, VENUES[random.nextInt(VENUES.length)]);
        ps.setDouble(4, prices[sym]);
        ps.setLong(5, 1 + random.nextInt(50) * (random.nextInt(10) == 0 ? 100 : 10));
        ps.addBatch();
        if (++inBatch == BATCH || r == rows - 1) {
          ps.executeBatch();
          bar.stepBy(inBatch);
          inBatch = 0;
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf("Loaded %,d rows into %s in %.1f s (%,.0f rows/s), one commit per %,d rows.%n",
        rows, TABLE, seconds, rows / seconds, BATCH);
  }

  /** 300 four-letter symbols; AAPX is the busiest. */
  private static String[] symbols(Random random) {
    String[] s = new String[SYMBOLS];
    s[0] = "AAPX";
    for (int i = 1; i < SYMBOLS; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < 4; k++) {
        b.append((char) ('A' + random.nextInt(26)));
      }
      s[i] = b.toString();
    }
    return s;
  }

  /** A symbol index where low indexes trade more often (a few names dominate, as in real markets). */
  private static int skewed(Random random) {
    double u = random.nextDouble();
    return (int) Math.min(SYMBOLS - 1, Math.floor(SYMBOLS * u * u * u));
  }
}
