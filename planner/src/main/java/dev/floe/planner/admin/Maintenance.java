package dev.floe.planner.admin;

import dev.floe.planner.admin.ResultTable.Col;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.CommitResult;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Snapshot;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.VacuumOptions;
import dev.floe.storage.table.VacuumReport;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Floe's maintenance in SQL, as table functions of schema {@code floe} that act when the statement
 * executes and return what they did as rows:
 *
 * <ul>
 *   <li>{@code SELECT * FROM TABLE(floe.create_snapshot('eod'))}, {@code floe.drop_snapshot('eod')};
 *   <li>{@code floe.vacuum('t')} (orphans older than an hour), {@code floe.vacuum('t', retainVersions,
 *       graceSeconds)}, {@code floe.vacuum('t', retainVersions, graceSeconds, retainSeconds)} (also
 *       expire versions superseded more than {@code retainSeconds} ago by the store's clock; NULL:
 *       no age policy; retainVersions 0: no count policy; a version expires only when every policy
 *       given lets it go), and {@code floe.vacuum_dry_run(...)} with the same arguments;
 *   <li>{@code floe.vacuum_dropped()}, {@code floe.vacuum_dropped(graceSeconds)} and {@code
 *       floe.vacuum_dropped_dry_run(...)}: the roots of dropped tables (one row each);
 *   <li>{@code floe.compact('t')}, {@code floe.compact('t', targetRows)};
 *   <li>{@code floe.repair('t')}: if the table's latest version is damaged (a commit record or
 *       manifest failing its checksum, XX001), supersedes it with a new version holding the last
 *       good version's data; deletes nothing; one row saying what it found and did.
 * </ul>
 *
 * <p>They are table functions, not scalar ones, because Calcite may evaluate a deterministic scalar
 * call while it plans (and a scalar function cannot reach the connection's store); a table
 * function's rows are produced only when the statement runs. Each acts at once, whatever the
 * connection's autocommit setting, and each but the dry runs is refused on a read-only connection (25006),
 * decided from the function the statement's plan calls ({@code dev.floe.planner.ReadOnlyCheck}),
 * and under that by the connection's store handle, which refuses every write.
 */
public final class Maintenance {
  private static final Map<String, List<String>> METHODS = Map.of(
      "create_snapshot", List.of("createSnapshot"),
      "drop_snapshot", List.of("dropSnapshot"),
      "vacuum", List.of("vacuum"),
      "vacuum_dry_run", List.of("vacuumDryRun"),
      "vacuum_dropped", List.of("vacuumDropped"),
      "vacuum_dropped_dry_run", List.of("vacuumDroppedDryRun"),
      "compact", List.of("compact"),
      "repair", List.of("repair"));

  private Maintenance() {}

  /** Every function by SQL name (overloads under one name), to register in schema {@code floe}. */
  public static Map<String, List<TableFunction>> functions() {
    Map<String, List<TableFunction>> out = new java.util.TreeMap<>();
    for (Map.Entry<String, List<String>> e : METHODS.entrySet()) {
      List<TableFunction> fs = new ArrayList<>();
      for (Method m : Maintenance.class.getMethods()) {
        if (e.getValue().contains(m.getName())) {
          fs.add(TableFunctionImpl.create(m));
        }
      }
      out.put(e.getKey(), fs);
    }
    return out;
  }

  /**
   * Whether {@code method} implements one of these functions that writes: all but the dry runs,
   * which only read (they take the store's time from this client's clock, or refresh it with the
   * log's hint where the connection may write).
   */
  public static boolean writes(Method method) {
    return method.getDeclaringClass() == Maintenance.class && !method.getName().endsWith("DryRun");
  }

  public static ResultTable createSnapshot(String name) {
    return new ResultTable(List.of(new Col("snapshot_name", SqlTypeName.VARCHAR),
        new Col("created_at", SqlTypeName.TIMESTAMP), new Col("tables", SqlTypeName.INTEGER)), store -> {
          Snapshot s = store.createSnapshot(name);
          return rows(new Object[] {s.name(), millis(s.created()), s.versions().size()});
        });
  }

  public static ResultTable dropSnapshot(String name) {
    return new ResultTable(List.of(new Col("snapshot_name", SqlTypeName.VARCHAR),
        new Col("dropped", SqlTypeName.BOOLEAN)), store -> {
          store.dropSnapshot(name);
          return rows(new Object[] {name, true});
        });
  }

  public static ResultTable vacuum(String table) {
    return runVacuum(table, 0, (int) VacuumOptions.DEFAULT_GRACE.toSeconds(), null, false);
  }

  public static ResultTable vacuum(String table, Integer retainVersions, Integer graceSeconds) {
    return runVacuum(table, retainVersions, graceSeconds, null, false);
  }

  public static ResultTable vacuum(String table, Integer retainVersions, Integer graceSeconds, Integer retainSeconds) {
    return runVacuum(table, retainVersions, graceSeconds, ageOrNull(retainSeconds), false);
  }

  public static ResultTable vacuumDryRun(String table) {
    return runVacuum(table, 0, (int) VacuumOptions.DEFAULT_GRACE.toSeconds(), null, true);
  }

  public static ResultTable vacuumDryRun(String table, Integer retainVersions, Integer graceSeconds) {
    return runVacuum(table, retainVersions, graceSeconds, null, true);
  }

  public static ResultTable vacuumDryRun(String table, Integer retainVersions, Integer graceSeconds, Integer retainSeconds) {
    return runVacuum(table, retainVersions, graceSeconds, ageOrNull(retainSeconds), true);
  }

  /** NULL: no age policy; otherwise a number of seconds, 0 or more. */
  private static Duration ageOrNull(Integer retainSeconds) {
    return retainSeconds == null ? null : Duration.ofSeconds(required(retainSeconds, "retain_seconds"));
  }

  private static ResultTable runVacuum(String table, Integer retain, Integer grace, Duration retainAge, boolean dryRun) {
    return new ResultTable(List.of(new Col("table_name", SqlTypeName.VARCHAR),
        new Col("vacuum_version", SqlTypeName.BIGINT), new Col("objects_deleted", SqlTypeName.BIGINT),
        new Col("bytes_deleted", SqlTypeName.BIGINT), new Col("versions_expired", SqlTypeName.BIGINT),
        new Col("dry_run", SqlTypeName.BOOLEAN)), store -> {
          VacuumOptions o = new VacuumOptions(Duration.ofSeconds(required(grace, "grace_seconds")),
              required(retain, "retain_versions"), retainAge, dryRun);
          VacuumReport r = store.vacuum(name(table), o);
          return rows(new Object[] {r.table(), r.version() < 0 ? null : r.version(), (long) r.deleted().size(),
              r.bytes(), (long) r.expired().size(), dryRun});
        });
  }

  public static ResultTable vacuumDropped() {
    return runVacuumDropped((int) VacuumOptions.DEFAULT_GRACE.toSeconds(), false);
  }

  public static ResultTable vacuumDropped(Integer graceSeconds) {
    return runVacuumDropped(graceSeconds, false);
  }

  public static ResultTable vacuumDroppedDryRun() {
    return runVacuumDropped((int) VacuumOptions.DEFAULT_GRACE.toSeconds(), true);
  }

  public static ResultTable vacuumDroppedDryRun(Integer graceSeconds) {
    return runVacuumDropped(graceSeconds, true);
  }

  /** One row per dropped table's root: what VACUUM deleted (or would) there. */
  private static ResultTable runVacuumDropped(Integer grace, boolean dryRun) {
    return new ResultTable(List.of(new Col("table_name", SqlTypeName.VARCHAR),
        new Col("vacuum_version", SqlTypeName.BIGINT), new Col("objects_deleted", SqlTypeName.BIGINT),
        new Col("bytes_deleted", SqlTypeName.BIGINT), new Col("versions_expired", SqlTypeName.BIGINT),
        new Col("dry_run", SqlTypeName.BOOLEAN)), store -> {
          VacuumOptions o = new VacuumOptions(Duration.ofSeconds(required(grace, "grace_seconds")), 0, null, dryRun);
          List<Object[]> out = new ArrayList<>();
          for (VacuumReport r : store.vacuumDropped(o)) {
            out.add(new Object[] {r.table(), r.version() < 0 ? null : r.version(), (long) r.deleted().size(),
                r.bytes(), (long) r.expired().size(), dryRun});
          }
          return out;
        });
  }

  public static ResultTable compact(String table) {
    return compact(table, null);
  }

  public static ResultTable compact(String table, Integer targetRows) {
    return new ResultTable(List.of(new Col("table_name", SqlTypeName.VARCHAR),
        new Col("version", SqlTypeName.BIGINT), new Col("segments_before", SqlTypeName.BIGINT),
        new Col("segments_after", SqlTypeName.BIGINT)), store -> {
          Table t = store.table(name(table));
          long before = t.latest().segments().size();
          int target = targetRows == null ? store.options().rowsPerSegment() : targetRows;
          CommitResult r = t.compact(target);
          return rows(new Object[] {t.name(), r.version(), before, (long) t.version(r.version()).segments().size()});
        });
  }

  /**
   * {@code floe.repair('t')}: one row of {@code table_name}, {@code head_version} (the latest
   * version before), {@code good_version} (the version whose data the table now holds), {@code
   * repair_version} (the REPAIR record written, NULL if the table was sound), {@code repaired} and
   * {@code damaged} (the objects that failed their checks, NULL if none). See {@link
   * FloeStore#repair}.
   */
  public static ResultTable repair(String table) {
    return new ResultTable(List.of(new Col("table_name", SqlTypeName.VARCHAR),
        new Col("head_version", SqlTypeName.BIGINT), new Col("good_version", SqlTypeName.BIGINT),
        new Col("repair_version", SqlTypeName.BIGINT), new Col("repaired", SqlTypeName.BOOLEAN),
        new Col("damaged", SqlTypeName.VARCHAR)), store -> {
          dev.floe.storage.table.RepairReport r = store.repair(name(table));
          return rows(new Object[] {r.table(), r.head(), r.goodVersion(),
              r.repaired() ? r.repairVersion() : null, r.repaired(),
              r.damaged().isEmpty() ? null : String.join("; ", r.damaged())});
        });
  }

  private static int required(Integer v, String what) {
    if (v == null || v < 0) {
      throw bad(what + " must be a whole number of 0 or more, not " + v);
    }
    return v;
  }

  /** The table's name as stored (unquoted names were folded to lower case when it was created). */
  private static String name(String table) {
    if (table == null) {
      throw bad("the table name must not be NULL");
    }
    return table;
  }

  private static FloeException bad(String message) {
    return new FloeException(ErrorCode.INVALID_ARGUMENT, null, message, null);
  }

  private static long millis(java.time.Instant t) {
    return t.atOffset(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static List<Object[]> rows(Object[]... rows) {
    return List.of(rows);
  }
}
