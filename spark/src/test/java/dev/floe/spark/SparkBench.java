package dev.floe.spark;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.local.LocalStore;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.segment.ChunkCache;
import dev.floe.storage.table.FloeOptions;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.SegmentEntry;
import dev.floe.storage.table.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: a benchmark of a full scan and a GROUP BY over one Floe table on a local folder,
 * through Spark local[2] and through Floe's JDBC driver, after a warm-up of both, then cold (the JVM's
 * chunk cache cleared, a fresh client) and warm, with the bytes each fetched from the store. Runs only when {@code floe.spark.bench.rows} is
 * set (docs/benchmarks.md has the command); skipped in {@code mvn verify}.
 */
class SparkBench {
  private static final String SCAN = "SELECT SUM(v), MAX(tag) FROM bench";
  private static final String GROUP_BY = "SELECT grp, COUNT(*), SUM(v) FROM bench GROUP BY grp ORDER BY grp";

  @Test
  void scanAndGroupBy() throws Exception {
    String rowsProperty = System.getProperty("floe.spark.bench.rows");
    Assumptions.assumeTrue(rowsProperty != null, "set -Dfloe.spark.bench.rows=N to run the benchmark");
    long rows = Long.parseLong(rowsProperty);
    Path dir = Files.createTempDirectory("floe-spark-bench");
    CountingStore counting = new CountingStore(LocalStore.open(dir));
    String url = "jdbc:floe:file:" + dir;
    StoreSpec spec = StoreSpec.of(Map.of("url", url));
    long t0 = System.nanoTime();
    try (FloeStore loader = FloeStore.open(counting, FloeOptions.defaults())) {
      load(loader, rows);
    }
    System.out.printf("loaded %,d rows in %.1f s, %,d bytes written%n", rows, (System.nanoTime() - t0) / 1e9,
        counting.counts().bytesWritten());
    Stores.use(spec, counting);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("floe-spark-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.catalog.floe", FloeCatalog.class.getName())
        .config("spark.sql.catalog.floe.url", url)
        .getOrCreate();
    try (Connection c = dev.floe.jdbc.FloeDriver.connect(counting)) {
      List<String> lines = new ArrayList<>();
      for (String q : List.of(SCAN, GROUP_BY)) { // warm-up: JIT and Spark's code generation, not measured
        first(spark.sql(q.replace("FROM bench", "FROM floe.bench")).collectAsList());
        jdbcFirst(c, q);
      }
      for (String q : List.of(SCAN, GROUP_BY)) {
        String sparkSql = q.replace("FROM bench", "FROM floe.bench");
        Callable<String> sparkRun = () -> first(spark.sql(sparkSql).collectAsList());
        lines.add(measure("Spark local[2]", q, counting, () -> {
          Stores.use(spec, counting); // a fresh client: nothing of the table in its object cache
          return sparkRun.call();
        }, sparkRun));
        lines.add(measure("Floe JDBC", q, counting, () -> {
          try (Connection fresh = dev.floe.jdbc.FloeDriver.connect(counting)) {
            return jdbcFirst(fresh, q);
          }
        }, () -> jdbcFirst(c, q)));
      }
      System.out.println("engine | query | cold s | warm s | bytes fetched (cold) | GETs (cold) | first row");
      lines.forEach(System.out::println);
    } finally {
      spark.stop();
    }
  }

  private static String first(List<Row> rows) {
    return rows.get(0).toString();
  }

  private static String jdbcFirst(Connection c, String q) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
      rs.next();
      StringBuilder b = new StringBuilder("[");
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        b.append(i > 1 ? "," : "").append(rs.getString(i));
      }
      return b.append(']').toString();
    }
  }

  /** {@code cold} runs with the JVM's chunk cache cleared and a fresh client; {@code warm} three times after it. */
  private static String measure(String engine, String q, CountingStore counting, Callable<String> cold,
      Callable<String> run) throws Exception {
    ChunkCache.shared().clear();
    CountingStore.Counts before = counting.counts();
    long t = System.nanoTime();
    String answer = cold.call();
    double coldSeconds = (System.nanoTime() - t) / 1e9;
    CountingStore.Counts cost = counting.counts().minus(before);
    double warm = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      t = System.nanoTime();
      run.call();
      warm = Math.min(warm, (System.nanoTime() - t) / 1e9);
    }
    return String.format("%s | %s | %.2f | %.2f | %,d | %d | %s", engine, q.startsWith("SELECT SUM") ? "scan" : "group by",
        coldSeconds, warm, cost.bytesRead(), cost.requests(dev.floe.storage.io.StoreOp.GET)
            + cost.requests(dev.floe.storage.io.StoreOp.GET_RANGE), answer);
  }

  /** {@code rows} rows in segments of 100,000, staged in parallel-writer style and committed once. */
  private static void load(FloeStore store, long rows) {
    Schema schema = new Schema(List.of(
        new Column(0, "id", ColumnType.of(ColumnType.Kind.BIGINT), false),
        new Column(1, "grp", ColumnType.of(ColumnType.Kind.INTEGER), false),
        new Column(2, "v", ColumnType.of(ColumnType.Kind.DOUBLE), true),
        new Column(3, "tag", ColumnType.of(ColumnType.Kind.VARCHAR), true)));
    Table table = store.create("bench", schema);
    int batch = FloeOptions.defaults().rowsPerSegment();
    List<SegmentEntry> staged = new ArrayList<>();
    try (VectorSchemaRoot root = ArrowTypes.createRoot(schema, store.allocator())) {
      for (long from = 0; from < rows; from += batch) {
        int n = (int) Math.min(batch, rows - from);
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector(0);
        IntVector grp = (IntVector) root.getVector(1);
        Float8Vector v = (Float8Vector) root.getVector(2);
        VarCharVector tag = (VarCharVector) root.getVector(3);
        for (int i = 0; i < n; i++) {
          long x = from + i;
          id.setSafe(i, x);
          grp.setSafe(i, (int) (x * 7919 % 1000));
          v.setSafe(i, (x * 104_729 % 100_003) / 100.0);
          tag.setSafe(i, ("tag-" + (x % 5000)).getBytes(StandardCharsets.UTF_8));
        }
        root.setRowCount(n);
        staged.addAll(table.stage(root));
        root.clear();
      }
    }
    table.commitStaged(staged);
  }
}
