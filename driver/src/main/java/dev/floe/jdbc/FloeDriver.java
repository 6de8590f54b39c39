package dev.floe.jdbc;

import dev.floe.planner.types.FloeTypeSystem;
import dev.floe.planner.FloePrepare;
import dev.floe.planner.FloeSchema;
import dev.floe.planner.system.FloeSystemSchema;
import dev.floe.planner.ddl.FloeDdlExecutor;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.segment.ChunkCache;
import dev.floe.storage.table.FloeOptions;
import dev.floe.storage.table.FloeStore;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.jdbc.FloeMetaImpl;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The Floe JDBC driver: {@code jdbc:floe:mem:NAME}, {@code jdbc:floe:file:PATH} or {@code
 * jdbc:floe:s3://bucket/prefix?endpoint=...}. Registered through {@code
 * META-INF/services/java.sql.Driver}; returns null from {@link #connect} for any other URL.
 *
 * <p>Identifiers behave like PostgreSQL's: unquoted names fold to lower case, double-quoted names
 * keep their case, and matching is exact after folding.
 */
public final class FloeDriver extends Driver {
  /** Name of the schema holding the user's tables; the connection's default schema. */
  public static final String SCHEMA = "floe";

  /** Compiled plans kept per JVM, so a repeated statement is not compiled again by Janino. */
  static final String PLAN_CACHE_SIZE = "200";

  private static final FloeDriver INSTANCE;

  static {
    // Calcite reads this once, when CalciteSystemProperty initializes; a user's own -D wins.
    setIfAbsent("calcite.bindable.cache.maxSize", PLAN_CACHE_SIZE);
    // SQL text is Unicode: string literals must not be limited to ISO-8859-1
    setIfAbsent("calcite.default.charset", "UTF-8");
    setIfAbsent("calcite.default.nationalcharset", "UTF-8");
    setIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
    QuietLogging.whenNoProvider();
    INSTANCE = new FloeDriver();
    INSTANCE.register();
  }

  /** A driver whose statements are prepared by {@link FloePrepare} (checked arithmetic). */
  public FloeDriver() {
    super(FloePrepare::new);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  @Override
  protected String getConnectStringPrefix() {
    return FloeUrl.PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion(
        "Floe JDBC Driver", FloeVersion.VERSION, "Floe", FloeVersion.VERSION, true,
        FloeVersion.MAJOR, FloeVersion.MINOR, FloeVersion.MAJOR, FloeVersion.MINOR);
  }

  @Override
  public boolean acceptsURL(String url) {
    return FloeUrl.accepts(url);
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return FloeMetaImpl.create(connection);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    Properties current = accepts(url) ? FloeUrl.parse(url, info).asProperties() : new Properties();
    FloeProperty[] all = FloeProperty.values();
    DriverPropertyInfo[] out = new DriverPropertyInfo[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].info(current);
    }
    return out;
  }

  /**
   * Opens a connection, or returns null if {@code url} is not a Floe URL.
   *
   * @throws SQLException 08001 for a malformed URL or an unusable store, 28000 for refused
   *     credentials, 08006 when the store cannot be reached within the configured timeout, 08001
   *     when connecting takes longer than the login timeout ({@link LoginTimeout})
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!accepts(url)) {
      return null;
    }
    FloeUrl parsed = FloeUrl.parse(url, info);
    return LoginTimeout.bounded(parsed.loginTimeout(), parsed.redacted(), () -> connect(parsed));
  }

  private Connection connect(FloeUrl parsed) throws SQLException {
    ExternalAccess files = ExternalAccess.of(parsed);
    checkChunkCache();
    FloeStore store;
    try {
      // a read-only or snapshot connection's store refuses every write from the start (the second
      // wall under the statement checks), so not even the format marker is created
      store = FloeStore.open(parsed.location(), parsed.storeConfig(), FloeOptions.defaults(),
          parsed.readOnly() || parsed.snapshot() != null);
    } catch (RuntimeException e) {
      throw ErrorTranslator.translate(e);
    }
    java.util.Map<String, Long> pinned = null;
    if (parsed.snapshot() != null) {
      try {
        pinned = store.snapshotVersions(parsed.snapshot()); // not tables dropped since: another root
      } catch (RuntimeException e) {
        store.close();
        throw ErrorTranslator.translate(e);
      }
    }
    Connection c = open(store, parsed.redacted(), parsed.pushdown(), pinned, parsed.snapshot(), files);
    PlannerWarmup.startOnce();
    if (parsed.readOnly() || pinned != null) {
      c.setReadOnly(true);
    }
    return c;
  }

  /**
   * Opens a connection over a store the application built itself (a wrapped, instrumented or
   * custom {@link ObjectStore}); the connection does not close the store.
   *
   * @throws SQLException as {@link #connect} does when the root is unusable
   */
  public static Connection connect(ObjectStore store) throws SQLException {
    checkChunkCache();
    FloeStore floe;
    try {
      floe = FloeStore.open(store, FloeOptions.defaults());
    } catch (RuntimeException e) {
      throw ErrorTranslator.translate(e);
    }
    return INSTANCE.open(floe, FloeUrl.PREFIX + store.location(), true, null, null, ExternalAccess.DEFAULT);
  }

  /** Sizes the JVM's decoded-chunk cache at the first connection: a bad size refuses the connection. */
  private static void checkChunkCache() throws SQLException {
    try {
      ChunkCache.shared();
    } catch (IllegalArgumentException e) {
      throw SqlState.UNABLE_TO_CONNECT.exception(e.getMessage(), e);
    }
  }

  private Connection open(FloeStore store, String shownUrl, boolean pushdown, java.util.Map<String, Long> pinned,
      String snapshot, ExternalAccess files) throws SQLException {
    Properties props = new Properties();
    props.setProperty("unquotedCasing", "TO_LOWER");
    props.setProperty("quotedCasing", "UNCHANGED");
    props.setProperty("caseSensitive", "true");
    props.setProperty("quoting", "DOUBLE_QUOTE");
    props.setProperty("conformance", "LENIENT");
    props.setProperty("typeSystem", FloeTypeSystem.class.getName() + "#INSTANCE");
    props.setProperty("parserFactory", FloeDdlExecutor.class.getName() + "#PARSER_FACTORY");
    props.setProperty("timeZone", java.util.TimeZone.getDefault().getID());
    AvaticaConnection connection = factory.newConnection(this, factory, shownUrl, props);
    handler.onConnectionInit(connection);
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    SchemaPlus root = calcite.getRootSchema();
    root.unwrap(CalciteSchema.class).removeSubSchema("metadata");
    FloeSchema floeSchema = new FloeSchema(store, pushdown, pinned);
    floeSchema.sharePlans(shownUrl + "\u0000" + pushdown + "\u0000" + snapshot);
    SchemaPlus floe = root.add(SCHEMA, floeSchema);
    // Calcite caches a schema's table names per connection; read them once, then switch the cache
    // off, so that tables created or dropped by any client are seen by the next statement.
    floe.getTableNames();
    // files are checked as they are opened, against the connection's read-only state at that moment
    dev.floe.planner.csv.FileAccess access = files.policy(() -> ExternalAccess.isReadOnly(connection));
    for (org.apache.calcite.schema.TableMacro readCsv : dev.floe.planner.csv.ReadCsv.macros(access)) {
      floe.add("read_csv", readCsv);
    }
    floe.add("read_parquet", dev.floe.planner.parquet.ReadParquet.macro(access, store));
    dev.floe.planner.admin.Maintenance.functions().forEach((name, overloads) -> overloads.forEach(f -> floe.add(name, f)));
    dev.floe.planner.GenerateSeries.overloads().forEach(f -> floe.add(dev.floe.planner.GenerateSeries.NAME, f));
    floe.setCacheEnabled(false);
    floeSchema.bind(floe); // views from now on: each is resolved when a statement reads it
    root.add(FloeSystemSchema.NAME, new FloeSystemSchema(store));
    root.add(dev.floe.planner.system.InformationSchema.NAME,
        new dev.floe.planner.system.InformationSchema(store, FloeMetaImpl.CATALOG));
    calcite.setSchema(SCHEMA);
    calcite.setCatalog(FloeMetaImpl.CATALOG);
    FloeMetaImpl.of(connection).attach(store);
    return JdbcProxies.connection(connection, snapshot);
  }

  private static boolean accepts(String url) {
    return FloeUrl.accepts(url);
  }
}
