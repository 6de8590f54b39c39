package dev.floe.planner;

import dev.floe.storage.table.FloeStore;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ViewTable;

/**
 * The Calcite schema over a Floe root: one {@link FloeTable} per table in the catalog, and one view
 * macro per view the root stores ({@code FloeStore.views()}). The table map is read again (one LIST
 * of the catalog) whenever Calcite asks, so tables created or dropped by any client are seen by the
 * next statement; views are read once per statement (the {@link #snapshot} Calcite takes for it),
 * and on every request outside one.
 */
public final class FloeSchema extends AbstractSchema {
  private final FloeStore store;
  private final boolean pushdown;
  private final Map<String, Long> pinned;
  /** This schema as Calcite holds it, which view macros resolve their SQL in; set by {@link #bind}. */
  private final AtomicReference<SchemaPlus> self;
  /** Every view's SQL by name; memoized in a statement's snapshot. */
  private final Supplier<SortedMap<String, String>> views;

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
    this.views = () -> store.views().definitions();
  }

  /** A statement's view of {@code base}: the same tables, the views read at most once. */
  private FloeSchema(FloeSchema base) {
    this.store = base.store;
    this.pushdown = base.pushdown;
    this.pinned = base.pinned;
    this.self = base.self;
    this.views = Suppliers.memoize(() -> store.views().definitions());
  }

  /**
   * Tells this schema the {@link SchemaPlus} Calcite made of it (what {@code SchemaPlus.add}
   * returned), in which stored views are resolved; until then no view is seen.
   */
  public void bind(SchemaPlus registered) {
    self.set(registered);
  }

  @Override
  public Schema snapshot(SchemaVersion version) {
    return new FloeSchema(this);
  }

  /** The root this schema reads. */
  public FloeStore store() {
    return store;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (String name : store.tables()) {
      if (pinned == null) {
        tables.put(name, new FloeTable(store, name, pushdown, null));
      } else if (pinned.containsKey(name)) {
        tables.put(name, new FloeTable(store, name, pushdown, pinned.get(name)));
      }
    }
    return tables;
  }

  /**
   * The marker {@code floe.at_version} is rewritten to ({@link AtVersion}), and a macro per stored
   * view (Calcite expands a view's SQL in the statement that reads it).
   */
  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    ImmutableMultimap.Builder<String, Function> functions = ImmutableMultimap.builder();
    functions.put(AtVersion.MARKER, AtVersion.MARKER_FUNCTION);
    SchemaPlus me = self.get();
    if (me != null) {
      List<String> path = CalciteSchema.from(me).path(null);
      views.get().forEach((name, sql) -> {
        List<String> viewPath = new ArrayList<>(path);
        viewPath.add(name);
        functions.put(name, ViewTable.viewMacro(me, sql, path, viewPath, false));
      });
    }
    return functions.build();
  }

  @Override
  public boolean isMutable() {
    return true;
  }
}
