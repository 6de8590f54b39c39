package dev.floe.planner;

import dev.floe.storage.table.FloeStore;
import com.google.common.base.Suppliers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import dev.floe.planner.types.FloeTypeSystem;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.schema.lookup.CompatibilityLookup;
import org.apache.calcite.schema.lookup.Lookup;

/**
 * The Calcite schema over a Floe root: one {@link FloeTable} per table in the catalog, and one
 * {@link ViewTable} per view the root stores ({@code FloeStore.views()}). The table map is read
 * again (one LIST of the catalog) whenever Calcite asks, so tables created or dropped by any client
 * are seen by the next statement. Within a statement (the {@link #snapshot} Calcite takes for it)
 * the catalog and the views are listed once, together ({@link FloeStore#listRoot}): Calcite's
 * name lookup asks for every name anyway. A table hides a view of its name.
 */
public final class FloeSchema extends AbstractSchema {
  private final FloeStore store;
  private final boolean pushdown;
  private final Map<String, Long> pinned;
  /** The factory a view's row type is first derived in (then copied into each statement's). */
  private static final JavaTypeFactoryImpl TYPES = new JavaTypeFactoryImpl(FloeTypeSystem.INSTANCE);
  /** This schema as Calcite holds it, which view macros resolve their SQL in; set by {@link #bind}. */
  private final AtomicReference<SchemaPlus> self;
  /** Every view's SQL by name; memoized in a statement's snapshot. */
  private final Supplier<SortedMap<String, String>> views;
  /** A statement's views as tables, each resolved once; null outside a statement (no caching). */
  private final Map<String, Table> resolved;
  /** A statement's tables: the catalog listed once for the whole statement; null outside one. */
  private final Supplier<Map<String, Table>> statementTables;
  /** A statement's listing of the catalog and the views, in flight together; null outside one. */
  private final Supplier<FloeStore.RootListing> root;
  /** What the connection shares plans under ({@link PlanCache}); null: its plans are not shared. */
  private final AtomicReference<String> planScope;
  /** How many of the connection's statements reused a plan. */
  private final java.util.concurrent.atomic.AtomicLong planReuses;
  /** Tables by name, never listed: a root made to run a plan already made ({@link #EXECUTION}); null otherwise. */
  private final Map<String, Table> byName;

  /**
   * The version to snapshot a connection's root schema at to run a cached plan on it: the plan's
   * generated code looks its tables up by name, and such a snapshot answers each name without
   * listing the catalog (a table that no longer exists fails when the scan reads its latest
   * version, with the usual error).
   */
  public static final SchemaVersion EXECUTION = other -> false;

  public FloeSchema(FloeStore store, boolean pushdown) {
    this(store, pushdown, null);
  }

  /**
   * @param pushdown false to keep every filter and projection in Calcite's plan (for checking
   *     that pushdown never changes an answer); scans then read every column of every segment
   * @param pinned for a connection opened on a named snapshot, the version of each table it reads
   *     (only these tables are seen, and none can be written); null for the latest versions
   */
  public FloeSchema(FloeStore store, boolean pushdown, Map<String, Long> pinned) {
    this.store = store;
    this.pushdown = pushdown;
    this.pinned = pinned == null ? null : Map.copyOf(pinned);
    this.self = new AtomicReference<>();
    this.planScope = new AtomicReference<>();
    this.planReuses = new java.util.concurrent.atomic.AtomicLong();
    this.views = () -> store.views().definitions();
    this.resolved = null;
    this.statementTables = null;
    this.root = null;
    this.byName = null;
  }

  /** A statement's view of {@code base}: the same tables, the views read at most once. */
  private FloeSchema(FloeSchema base, boolean execution) {
    this.store = base.store;
    this.pushdown = base.pushdown;
    this.pinned = base.pinned;
    this.self = base.self;
    this.planScope = base.planScope;
    this.planReuses = base.planReuses;
    this.root = Suppliers.memoize(store::listRoot);
    this.views = () -> root.get().views();
    this.resolved = new ConcurrentHashMap<>();
    this.statementTables = Suppliers.memoize(this::listTables);
    this.byName = execution ? new ConcurrentHashMap<>() : null;
  }

  /**
   * Tells this schema the {@link SchemaPlus} Calcite made of it (what {@code SchemaPlus.add}
   * returned), in which stored views are resolved; until then no view is seen.
   */
  public void bind(SchemaPlus registered) {
    self.set(registered);
  }

  /**
   * Lets the connection's statements share plans ({@link PlanCache}) with every connection of the
   * JVM given the same scope: connections that plan every text alike (same store URL as shown,
   * pushdown and named snapshot).
   */
  public void sharePlans(String scope) {
    planScope.set(scope);
  }

  String planScope() {
    return planScope.get();
  }

  void countPlanReuse() {
    planReuses.incrementAndGet();
  }

  /** How many of the connection's statements reused a plan (a diagnostic, for tests). */
  public long planReuses() {
    return planReuses.get();
  }

  @Override
  public Schema snapshot(SchemaVersion version) {
    return new FloeSchema(this, version == EXECUTION);
  }

  /** In a root made to run a cached plan ({@link #EXECUTION}), the table of that name without listing the catalog. */
  private Table tableByName(String name) {
    if (pinned != null && !pinned.containsKey(name)) {
      return null;
    }
    return byName.computeIfAbsent(name, n -> new FloeTable(store, n, pushdown, pinned == null ? null : pinned.get(n), null));
  }

  /** The root this schema reads. */
  public FloeStore store() {
    return store;
  }

  /** The table maps of the schemas a metadata call on this thread listed ({@link #oneListing}); null outside one. */
  private static final ThreadLocal<Map<FloeSchema, Map<String, Table>>> METADATA_CALL = new ThreadLocal<>();

  /**
   * Runs {@code call} (a DatabaseMetaData call that looks every table up by name, such as {@code
   * getTables} or {@code getColumns}) with each schema's catalog listed at most once: Calcite's
   * metadata asks for the table map once per table, which outside a statement listed the whole
   * catalog each time (quadratic: 82 s for getTables at 2,000 tables). What the call returns must
   * be computed inside it. Nested calls share the outer listing.
   */
  public static <T> T oneListing(Supplier<T> call) {
    if (METADATA_CALL.get() != null) {
      return call.get();
    }
    METADATA_CALL.set(new java.util.IdentityHashMap<>());
    try {
      return call.get();
    } finally {
      METADATA_CALL.remove();
    }
  }

  @Override
  protected Map<String, Table> getTableMap() {
    // Calcite asks several times per statement; one listing serves them all (and one FloeTable per
    // name, so the table's latest version is resolved once while planning)
    if (statementTables != null) {
      return statementTables.get();
    }
    Map<FloeSchema, Map<String, Table>> call = METADATA_CALL.get();
    return call == null ? listTables() : call.computeIfAbsent(this, s -> s.listTables());
  }

  private Map<String, Table> listTables() {
    Map<String, Table> tables = new LinkedHashMap<>();
    if (self.get() == null) {
      // the driver's one call while it sets the connection up (to switch Calcite's name cache off):
      // no statement reads tables before bind, so the catalog is not listed for it
      return tables;
    }
    // in a statement or a metadata call, the generation of each root comes with the listing, so
    // resolving a table reads its head only (no second listing of its catalog ops)
    Map<String, Long> live = new LinkedHashMap<>();
    if (root != null) {
      live.putAll(root.get().tables());
    } else if (METADATA_CALL.get() != null) {
      live.putAll(store.listRoot().tables());
    } else {
      store.tables().forEach(name -> live.put(name, null));
    }
    live.forEach((name, generation) -> {
      if (pinned == null) {
        tables.put(name, new FloeTable(store, name, pushdown, null, generation));
      } else if (pinned.containsKey(name)) {
        tables.put(name, new FloeTable(store, name, pushdown, pinned.get(name), null));
      }
    });
    return tables;
  }

  /**
   * The catalog's tables, then the stored views: a view is read (and its SQL resolved) only for a
   * name that is not a table.
   */
  @Override
  @SuppressWarnings("unchecked")
  public Lookup<Table> tables() {
    Lookup<Table> tables = byName == null ? super.tables()
        : new CompatibilityLookup<>(this::tableByName, () -> getTableMap().keySet());
    return Lookup.concat(tables, new CompatibilityLookup<>(this::view, this::viewNames));
  }

  private Set<String> viewNames() {
    return self.get() == null ? Set.of() : views.get().keySet();
  }

  /** The stored view {@code name} as a table, or null. */
  private Table view(String name) {
    SchemaPlus me = self.get();
    String sql = me == null ? null : views.get().get(name);
    if (sql == null) {
      return null;
    }
    // a cached plan through this view holds while the view keeps its SQL and no table takes its name
    PlanRecorder.touched(name + "\u0000view", s -> sql.equals(s.views().definitions().get(name))
        && !s.tables().contains(name));
    return resolved == null ? view(me, name, sql) : resolved.computeIfAbsent(name, n -> view(me, n, sql));
  }

  /**
   * A view whose SQL is resolved (its row type derived) only when its row type is first asked for:
   * Calcite looks up every name of a schema at once in some paths, and only the views a statement
   * reads need resolving.
   */
  private static Table view(SchemaPlus me, String name, String sql) {
    List<String> path = CalciteSchema.from(me).path(null);
    List<String> viewPath = new ArrayList<>(path);
    viewPath.add(name);
    Supplier<RelDataType> resolvedType = Suppliers.memoize(
        () -> ViewTable.viewMacro(me, sql, path, viewPath, false).apply(List.of()).getRowType(TYPES));
    return new ViewTable(Object[].class, factory -> factory.copyType(resolvedType.get()), sql, path, viewPath);
  }

  /**
   * The markers {@code floe.at_version} and {@code floe.at_snapshot} are rewritten to ({@link
   * AtVersion}, {@link AtSnapshot}).
   */
  @Override
  protected com.google.common.collect.Multimap<String, org.apache.calcite.schema.Function> getFunctionMultimap() {
    return com.google.common.collect.ImmutableMultimap.of(AtVersion.MARKER, AtVersion.MARKER_FUNCTION,
        AtSnapshot.MARKER, AtSnapshot.MARKER_FUNCTION);
  }

  @Override
  public boolean isMutable() {
    return true;
  }
}
