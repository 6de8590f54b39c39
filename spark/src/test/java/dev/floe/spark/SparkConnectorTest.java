package dev.floe.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.table.FloeOptions;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Operation;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableVersion;
import dev.floe.storage.testing.S3ProxyServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector end to end in one local[2] SparkSession (starting Spark costs 5-15 s, so every test
 * shares it): tables written through Floe's JDBC driver read by Spark, Spark's writes read back
 * through JDBC, pushdown measured on a counting store, a failed job leaving nothing visible, time
 * travel, and Spark and JDBC writers appending to one table at once on a folder and on s3proxy.
 */
class SparkConnectorTest {
  private static Path dir;
  private static String fileUrl;
  private static String memUrl;
  private static String s3Url;
  private static CountingStore counting;
  private static S3ProxyServer s3;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("floe-spark");
    fileUrl = "jdbc:floe:file:" + dir.resolve("root");
    memUrl = "jdbc:floe:mem:spark-" + UUID.randomUUID();
    counting = new CountingStore(MemoryStore.open(memUrl.substring("jdbc:floe:mem:".length())));
    Stores.use(StoreSpec.of(Map.of("url", memUrl)), counting);
    s3 = S3ProxyServer.startTransient();
    s3Url = "jdbc:floe:s3://" + s3.createBucket() + "/floe?endpoint=" + s3.endpoint() + "&region=us-east-1";
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("floe-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.timeType.enabled", "true")
        .config("spark.sql.catalog.floe", FloeCatalog.class.getName())
        .config("spark.sql.catalog.floe.url", fileUrl)
        .config("spark.sql.catalog.counted", FloeCatalog.class.getName())
        .config("spark.sql.catalog.counted.url", memUrl)
        .config("spark.sql.catalog.s3", FloeCatalog.class.getName())
        .config("spark.sql.catalog.s3.url", s3Url)
        .config("spark.sql.catalog.s3.user", S3ProxyServer.ACCESS_KEY)
        .config("spark.sql.catalog.s3.password", S3ProxyServer.SECRET_KEY)
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private static Connection jdbc(String url) throws SQLException {
    Properties p = new Properties();
    if (url.startsWith("jdbc:floe:s3:")) {
      p.setProperty("user", S3ProxyServer.ACCESS_KEY);
      p.setProperty("password", S3ProxyServer.SECRET_KEY);
    }
    return DriverManager.getConnection(url, p);
  }

  private static void sql(String url, String... statements) throws SQLException {
    try (Connection c = jdbc(url); Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  private static long jdbcLong(String url, String query) throws SQLException {
    try (Connection c = jdbc(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static Table table(String url, String name) {
    return Stores.open(StoreSpec.of(Map.of("url", url))).table(name);
  }

  @Test
  void tableWrittenThroughJdbcReadsTheSameInSpark() throws Exception {
    sql(fileUrl,
        "CREATE TABLE typed (id BIGINT NOT NULL, i INTEGER, d DOUBLE, amount DECIMAL(12,2), name VARCHAR(20),"
            + " day DATE, ts TIMESTAMP, ltz TIMESTAMP WITH LOCAL TIME ZONE, flag BOOLEAN, tm TIME, s SMALLINT)",
        "INSERT INTO typed VALUES (1, 10, 1.5, 12.34, 'héllo', DATE '2024-02-29', TIMESTAMP '2024-01-02 03:04:05.123456',"
            + " CAST(TIMESTAMP '2024-01-02 03:04:05' AS TIMESTAMP WITH LOCAL TIME ZONE), TRUE, TIME '23:59:58', 7)",
        "INSERT INTO typed VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        "INSERT INTO typed VALUES (3, -2147483648, -0.0, -9999999999.99, '', DATE '1969-12-31',"
            + " TIMESTAMP '1900-01-01 00:00:00', CAST(TIMESTAMP '1970-01-01 00:00:00' AS TIMESTAMP WITH LOCAL TIME ZONE), FALSE,"
            + " TIME '00:00:01', -32768)");
    List<List<Object>> expected = new ArrayList<>();
    try (Connection c = jdbc(fileUrl); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM typed ORDER BY id")) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        row.add(rs.getObject(1));
        row.add(rs.getObject(2));
        row.add(rs.getObject(3));
        row.add(rs.getBigDecimal(4));
        row.add(rs.getString(5));
        row.add(rs.getObject(6, LocalDate.class));
        row.add(rs.getObject(7, LocalDateTime.class));
        row.add(rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant());
        row.add(rs.getObject(9));
        row.add(rs.getObject(10, LocalTime.class));
        row.add(rs.getObject(11) == null ? null : ((Number) rs.getObject(11)).shortValue());
        expected.add(row);
      }
    }
    Dataset<Row> df = spark.sql("SELECT * FROM floe.typed ORDER BY id");
    assertEquals("struct<id:bigint,i:int,d:double,amount:decimal(12,2),name:string,day:date,ts:timestamp_ntz,"
        + "ltz:timestamp,flag:boolean,tm:time(6),s:smallint>", df.schema().simpleString());
    List<List<Object>> actual = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        row.add(r.get(i));
      }
      actual.add(row);
    }
    assertEquals(expected.toString(), actual.toString());
    assertEquals(3, expected.size());
    // the same through format("floe")
    long n = spark.read().format("floe").option("url", fileUrl).option("table", "typed").load()
        .where("name = 'héllo' AND tm > '12:00:00'").count();
    assertEquals(1, n);
    // without Spark's TIME type a TIME column reads as bigint microseconds of the day
    spark.conf().set("spark.sql.timeType.enabled", "false");
    try {
      Row r = spark.sql("SELECT tm FROM floe.typed WHERE id = 1").first();
      assertEquals(86_398_000_000L, r.getLong(0));
    } finally {
      spark.conf().set("spark.sql.timeType.enabled", "true");
    }
  }

  @Test
  void pushdownFetchesOnlyTheSegmentsAndColumnsItNeeds() throws Exception {
    // 8 segments of 2,000 rows (one per INSERT), ids ascending, a wide string column and a narrow one;
    // each measurement reads its own copy, so the JVM's chunk cache cannot hide a fetch
    // (written through the storage API by a client of its own: the SQL layer's planning of 24 INSERTs
    // would cost seconds of CI time and prove nothing more here)
    try (FloeStore writer = FloeStore.open(counting, FloeOptions.defaults())) {
      Schema schema = new Schema(List.of(new Column(0, "id", ColumnType.of(ColumnType.Kind.BIGINT), true),
          new Column(1, "v", ColumnType.of(ColumnType.Kind.DOUBLE), true),
          new Column(2, "payload", ColumnType.of(ColumnType.Kind.VARCHAR), true)));
      for (String t : List.of("pruned", "narrow", "wide")) {
        Table table = writer.create(t, schema);
        for (int seg = 0; seg < 8; seg++) {
          try (VectorSchemaRoot root = ArrowTypes.createRoot(schema, writer.allocator())) {
            root.allocateNew();
            for (int i = 0; i < 2000; i++) {
              long x = seg * 2000L + i;
              ((BigIntVector) root.getVector(0)).setSafe(i, x);
              ((Float8Vector) root.getVector(1)).setSafe(i, (x * 7919 % 10007) / 3.0);
              ((VarCharVector) root.getVector(2)).setSafe(i,
                  ("payload-payload-payload-" + x * 7919).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            root.setRowCount(2000);
            table.append(root);
          }
        }
      }
    }
    // what planning alone costs (records, manifests): COUNT(*) without a filter fetches no chunk (so
    // it leaves nothing in the chunk cache for the next query of the table)
    CountingStore.Counts meta = cost(() -> assertEquals(16_000L, read("counted.pruned").count()));
    assertEquals(0, meta.requests(StoreOp.GET_RANGE), String.valueOf(meta));
    Dataset<Row> pruned = read("counted.pruned").where("id >= 14000").agg(org.apache.spark.sql.functions.sum("v"));
    double[] sum = new double[1];
    CountingStore.Counts prunedCost = cost(() -> sum[0] = pruned.first().getDouble(0));
    double expected = 0;
    for (long x = 14_000; x < 16_000; x++) {
      expected += (x * 7919 % 10007) / 3.0;
    }
    assertEquals(expected, sum[0], 1e-6 * expected);
    String plan = pruned.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("segments=1/8"), plan);
    CountingStore.Counts narrowCost = cost(() -> read("counted.narrow").agg(org.apache.spark.sql.functions.sum("v")).first());
    CountingStore.Counts wideCost = cost(() -> read("counted.wide").agg(org.apache.spark.sql.functions.sum("v"),
        org.apache.spark.sql.functions.max("payload")).first());
    System.out.printf("pushdown: planning %s; pruned %s; narrow %s; wide %s%n", meta, prunedCost, narrowCost, wideCost);
    long prunedBytes = prunedCost.bytesRead(); // its table's records and manifests were read (and cached) above
    long narrowBytes = narrowCost.bytesRead() - meta.bytesRead();
    long wideBytes = wideCost.bytesRead() - meta.bytesRead();
    // one segment of eight is fetched (its id and v chunks); the scan of all eight fetches v from each
    assertTrue(prunedCost.requests(StoreOp.GET_RANGE) * 4 <= narrowCost.requests(StoreOp.GET_RANGE),
        prunedCost + " vs " + narrowCost);
    assertTrue(prunedBytes * 3 <= narrowBytes, prunedBytes + " vs " + narrowBytes);
    // one narrow column of three: the wide string column's chunks are never fetched
    assertTrue(narrowBytes * 3 <= wideBytes, narrowBytes + " vs " + wideBytes);
    assertEquals(0, prunedCost.requests(StoreOp.PUT) + prunedCost.requests(StoreOp.PUT_IF_ABSENT));
  }

  private static Dataset<Row> read(String table) {
    return spark.read().option("partitionBytes", "1").table(table);
  }

  private static CountingStore.Counts cost(Runnable query) {
    CountingStore.Counts before = counting.counts();
    query.run();
    return counting.counts().minus(before);
  }

  @Test
  void sparkWriteIsReadBackThroughJdbcAsOneCommit() throws Exception {
    sql(fileUrl, "CREATE TABLE written (id BIGINT NOT NULL, label VARCHAR(12), price DECIMAL(10,3), at TIMESTAMP,"
        + " tm TIME, raw VARBINARY)");
    long before = table(fileUrl, "written").latest().version();
    spark.range(0, 10_000, 1, 4).selectExpr("id", "CAST(concat('row-', id) AS STRING) AS label",
            "CAST(id / 8 AS DECIMAL(10,3)) AS price", "CAST(timestamp_micros(id * 1000001) AS TIMESTAMP_NTZ) AS at",
            "make_time(1, 2, CAST(id % 60 AS DECIMAL(8,6)) + 0.000007) AS tm", "CAST(label AS BINARY) AS raw")
        .writeTo("floe.written").append();
    TableVersion after = table(fileUrl, "written").latest();
    assertEquals(before + 1, after.version(), "one commit for the whole job");
    assertEquals(Operation.COMMIT_STAGED, after.operation());
    assertEquals(10_000, jdbcLong(fileUrl, "SELECT COUNT(*) FROM written"));
    assertEquals(49_995_000, jdbcLong(fileUrl, "SELECT SUM(id) FROM written"));
    try (Connection c = jdbc(fileUrl); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT label, price, at, tm, raw FROM written WHERE id = 4321")) {
      assertTrue(rs.next());
      assertEquals("row-4321", rs.getString(1));
      assertEquals(new BigDecimal("540.125"), rs.getBigDecimal(2));
      // Floe's SQL layer shows TIMESTAMP to the millisecond; the stored micros are checked through Spark below
      assertEquals(LocalDateTime.of(1970, 1, 1, 1, 12, 1, 4_000_000), rs.getObject(3, LocalDateTime.class));
      assertEquals(LocalTime.of(1, 2, 1), rs.getObject(4, LocalTime.class)); // shown to the second, as above
      assertEquals("row-4321", new String(rs.getBytes(5), java.nio.charset.StandardCharsets.UTF_8));
      assertFalse(rs.next());
    }
    assertEquals(LocalDateTime.of(1970, 1, 1, 1, 12, 1, 4_321_000),
        spark.sql("SELECT at FROM floe.written WHERE id = 4321").first().get(0));
    assertEquals(LocalTime.of(1, 2, 1, 7_000), spark.sql("SELECT tm FROM floe.written WHERE id = 4321").first().get(0));
    // a value longer than VARCHAR(12) is refused like any Floe write, and nothing is committed
    Exception e = assertThrows(Exception.class, () -> spark.sql(
        "INSERT INTO floe.written (id, label, price, at, tm, raw) VALUES (1, 'much-too-long-label', 1, NULL, NULL, NULL)")
        .collect());
    assertTrue(String.valueOf(rootCause(e).getMessage()).contains("longer than column 'label'"), String.valueOf(e));
    assertEquals(after.version(), table(fileUrl, "written").latest().version());
    // INSERT OVERWRITE replaces every row in one commit
    spark.sql("INSERT OVERWRITE floe.written SELECT id, label, price, at, tm, raw FROM floe.written WHERE id < 10")
        .collect();
    TableVersion overwritten = table(fileUrl, "written").latest();
    assertEquals(after.version() + 1, overwritten.version());
    assertEquals(Operation.OVERWRITE, overwritten.operation());
    assertEquals(10, jdbcLong(fileUrl, "SELECT COUNT(*) FROM written"));
    // an overwrite of the rows a filter selects: ids below 5 replaced by 100..102, one commit
    spark.range(100, 103).selectExpr("id", "CAST(concat('new-', id) AS STRING) AS label", "CAST(1 AS DECIMAL(10,3)) AS price",
            "CAST(NULL AS TIMESTAMP_NTZ) AS at", "CAST(NULL AS TIME(6)) AS tm", "CAST(NULL AS BINARY) AS raw")
        .writeTo("floe.written").overwrite(org.apache.spark.sql.functions.col("id").lt(5));
    TableVersion replaced = table(fileUrl, "written").latest();
    assertEquals(overwritten.version() + 1, replaced.version());
    assertEquals(Operation.OVERWRITE, replaced.operation());
    assertEquals(8, jdbcLong(fileUrl, "SELECT COUNT(*) FROM written"));
    assertEquals(5 + 6 + 7 + 8 + 9 + 100 + 101 + 102, jdbcLong(fileUrl, "SELECT SUM(id) FROM written"));
  }

  @Test
  void failedJobLeavesNothingVisible() throws Exception {
    sql(fileUrl, "CREATE TABLE failing (id BIGINT)", "INSERT INTO failing VALUES (-1)");
    Table t = table(fileUrl, "failing");
    long before = t.latest().version();
    spark.udf().register("boom", (UDF1<Long, Long>) x -> {
      if (x == 9_999) {
        throw new IllegalStateException("task killed on purpose");
      }
      return x;
    }, DataTypes.LongType);
    // four tasks; the one holding the last row fails after the others staged their segments
    Exception e = assertThrows(Exception.class, () -> spark.range(0, 10_000, 1, 4).selectExpr("boom(id) AS id")
        .writeTo("floe.failing").append());
    assertTrue(String.valueOf(e).contains("task killed on purpose") || rootCause(e).getMessage().contains("task killed"),
        String.valueOf(e));
    assertEquals(before, table(fileUrl, "failing").latest().version(), "nothing committed");
    assertEquals(1, jdbcLong(fileUrl, "SELECT COUNT(*) FROM failing"));
    assertFalse(t.stagedSegments().isEmpty(), "the tasks that ran staged segments: orphans for VACUUM");
  }

  @Test
  void timeTravelByVersionTimestampAndSnapshot() throws Exception {
    sql(fileUrl, "CREATE TABLE travel (id BIGINT)", "INSERT INTO travel VALUES (1), (2), (3)");
    Table t = table(fileUrl, "travel");
    TableVersion three = t.latest();
    Stores.open(StoreSpec.of(Map.of("url", fileUrl))).createSnapshot("before_more");
    Thread.sleep(5);
    sql(fileUrl, "INSERT INTO travel VALUES (4), (5)");
    assertEquals(5, spark.table("floe.travel").count());
    assertEquals(3, spark.sql("SELECT * FROM floe.travel VERSION AS OF " + three.version()).count());
    Instant at = three.timestamp();
    assertEquals(3, spark.sql("SELECT * FROM floe.travel TIMESTAMP AS OF '" + at + "'").count());
    assertEquals(3, spark.read().format("floe").option("url", fileUrl).option("table", "travel")
        .option("version", three.version()).load().count());
    assertEquals(3, spark.read().format("floe").option("url", fileUrl).option("table", "travel")
        .option("snapshot", "before_more").load().count());
    assertEquals(3, spark.read().format("floe").option("url", fileUrl).option("table", "travel")
        .option("timestamp", at.toString()).load().count());
    assertEquals(0, spark.sql("SELECT * FROM floe.travel VERSION AS OF 0").count());
  }

  @Test
  void sparkAndJdbcWritersAppendingAtOnceLoseNothingOnAFolder() throws Exception {
    appendRace(fileUrl, "floe", 2);
  }

  @Test
  void sparkAndJdbcWritersAppendingAtOnceLoseNothingOnS3() throws Exception {
    appendRace(s3Url, "s3", 1);
  }

  /** Two JDBC threads insert rows one statement at a time while Spark runs append jobs into the same table. */
  private static void appendRace(String url, String catalog, int sparkJobs) throws Exception {
    sql(url, "CREATE TABLE race (id BIGINT, origin VARCHAR)");
    AtomicBoolean sparkDone = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Long>> jdbcWriters = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int writer = w;
      jdbcWriters.add(pool.submit(() -> {
        long n = 0;
        try (Connection c = jdbc(url); Statement s = c.createStatement()) {
          while (!sparkDone.get() || n < 5) {
            s.execute("INSERT INTO race VALUES (" + (1_000_000 * (writer + 1) + n) + ", 'jdbc')");
            n++;
          }
        }
        return n;
      }));
    }
    long sparkRows = 0;
    try {
      for (int job = 0; job < sparkJobs; job++) {
        spark.range(job * 1000L, job * 1000L + 1000, 1, 2).selectExpr("id", "'spark' AS origin")
            .writeTo(catalog + ".race").append();
        sparkRows += 1000;
      }
    } finally {
      sparkDone.set(true);
    }
    long jdbcRows = 0;
    for (Future<Long> f : jdbcWriters) {
      jdbcRows += f.get();
    }
    pool.shutdown();
    assertEquals(sparkRows, jdbcLong(url, "SELECT COUNT(*) FROM race WHERE origin = 'spark'"));
    assertEquals(jdbcRows, jdbcLong(url, "SELECT COUNT(*) FROM race WHERE origin = 'jdbc'"));
    assertEquals(sparkRows + jdbcRows, spark.table(catalog + ".race").count());
    assertEquals(sparkRows + jdbcRows, jdbcLong(url, "SELECT COUNT(DISTINCT id) FROM race"));
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }


}
