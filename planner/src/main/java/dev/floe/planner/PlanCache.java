package dev.floe.planner;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * The JVM's plans of queries, shared by every connection over the same store with the same
 * planning settings: a pool of connections preparing the same text per call (Spring's {@code
 * JdbcTemplate}), or a plain statement run again, parses, plans and generates code once.
 *
 * <p>Contract:
 * <ul>
 *   <li>A plan is keyed by its connection's {@linkplain FloeSchema#sharePlans scope} (the store's
 *       URL as shown, pushdown, named snapshot), the time zone, the default schema, the row limit and
 *       the SQL text.
 *   <li>A plan is reused only while what planning read still holds in the store of the connection
 *       that reuses it ({@link PlanRecorder.Recording#holds}): every Floe table it read has the
 *       same schema, every stored view the same SQL. A plan that fails its checks is dropped and
 *       the statement planned again, so a schema changed by any connection or process (ADD
 *       COLUMN, DROP and CREATE again) is planned afresh, and an error is planning's own.
 *   <li>A plan holds no connection and no store: a reused plan is bound to the reusing
 *       connection's root schema ({@link FloeSchema#EXECUTION}), so it reads that connection's
 *       store, under its transaction and permissions. Which version is read is decided at execution.
 *   <li>Only SELECT queries are kept, and none that read a file or call a table function
 *       ({@link PlanRecorder#uncacheable}). Least recently used plans go first.
 * </ul>
 */
final class PlanCache {
  private static final int CAPACITY = 1024;

  /** The JVM's one cache. */
  static final PlanCache SHARED = new PlanCache();

  /**
   * A plan as planning made it, and what it was made from.
   *
   * @param plan the signature planning returned (its own root schema is never used again)
   * @param recording the checks that it still fits a store
   */
  private record Entry(CalcitePrepare.CalciteSignature<Object> plan, PlanRecorder.Recording recording) {}

  private final Map<String, Entry> plans = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > CAPACITY;
    }
  };

  /**
   * The key of a statement about to be prepared, or null when its plan is not kept: not SQL text,
   * not a query by its first word, or not on a Floe connection that shares plans.
   */
  static String key(CalcitePrepare.Context context, CalcitePrepare.Query<?> query, Type elementType,
      long maxRowCount) {
    if (query.sql == null || elementType != Object[].class || !query(query.sql)) {
      return null;
    }
    FloeSchema floe = floeSchema(context.getRootSchema());
    if (floe == null || floe.planScope() == null) {
      return null;
    }
    return floe.planScope() + "\u0001" + context.config().timeZone() + "\u0001" + context.getDefaultSchemaPath()
        + "\u0001" + maxRowCount + "\u0001" + query.sql;
  }

  /** Whether {@code sql} is a query by its first word (planning has the last word: {@link PlanRecorder#uncacheable}). */
  private static boolean query(String sql) {
    String s = sql.strip().toUpperCase(Locale.ROOT);
    return (s.startsWith("SELECT") || s.startsWith("WITH") || s.startsWith("VALUES"))
        && !s.replaceAll("\\s+", "").contains("TABLE(");
  }

  /**
   * The plan of {@code key} bound to {@code context}'s connection when one still fits its store
   * (one that does not is dropped), else what {@code plan} makes, kept for the next caller when
   * it may be.
   */
  @SuppressWarnings("unchecked")
  <T> CalcitePrepare.CalciteSignature<T> plan(String key, CalcitePrepare.Context context,
      Supplier<CalcitePrepare.CalciteSignature<T>> plan) {
    CalcitePrepare.CalciteSignature<T> kept = reuse(key, context);
    if (kept != null) {
      return kept;
    }
    boolean owner = PlanRecorder.start();
    CalcitePrepare.CalciteSignature<T> made;
    PlanRecorder.Recording recording = null;
    try {
      made = plan.get();
    } finally {
      if (owner) {
        recording = PlanRecorder.stop();
      }
    }
    if (recording != null && recording.cacheable() && made.statementType == Meta.StatementType.SELECT) {
      CalcitePrepare.CalciteSignature<Object> guarded = guarded(key, (CalcitePrepare.CalciteSignature<Object>) made);
      synchronized (this) {
        plans.put(key, new Entry(guarded, recording));
      }
      return (CalcitePrepare.CalciteSignature<T>) (CalcitePrepare.CalciteSignature<?>) guarded;
    }
    return made;
  }

  /**
   * The plan kept under {@code key}, bound to {@code context}'s connection, if one is kept and still
   * fits its store; else null (one that does not fit is dropped).
   */
  @SuppressWarnings("unchecked")
  <T> CalcitePrepare.CalciteSignature<T> reuse(String key, CalcitePrepare.Context context) {
    FloeSchema floe = floeSchema(context.getRootSchema());
    Entry e;
    synchronized (this) {
      e = plans.get(key);
    }
    if (e == null || e == NOT_PARAMETERIZABLE) {
      return null;
    }
    if (!e.recording().holds(floe.store())) { // store reads: outside the lock
      synchronized (this) {
        plans.remove(key, e);
      }
      return null;
    }
    floe.countPlanReuse();
    return (CalcitePrepare.CalciteSignature<T>) (CalcitePrepare.CalciteSignature<?>) bound(e.plan(),
        executionRoot(context.getMutableRootSchema()));
  }

  /** A key whose text could not be planned with its literals as parameters. */
  private static final Entry NOT_PARAMETERIZABLE = new Entry(null, new PlanRecorder.Recording(List.of(), false));

  /**
   * The plan of a text whose literals were taken out as parameters ({@link LiteralParameters}),
   * bound to {@code context}'s connection and to this text's literal values; null when the plan
   * cannot take them (a value is not exactly a value of its parameter's type, the parameterized
   * text cannot be planned, or its plan may not be kept): the caller then plans the text as written.
   *
   * @param key the parameterized text's key
   * @param plan plans the parameterized text
   */
  @SuppressWarnings("unchecked")
  <T> CalcitePrepare.CalciteSignature<T> planLiterals(String key, CalcitePrepare.Context context,
      LiteralParameters.Parameterized text, Supplier<CalcitePrepare.CalciteSignature<T>> plan) {
    FloeSchema floe = floeSchema(context.getRootSchema());
    Entry e;
    synchronized (this) {
      e = plans.get(key);
    }
    if (e == NOT_PARAMETERIZABLE) {
      return null;
    }
    if (e != null && e.recording().holds(floe.store())) {
      Map<String, Object> values = LiteralParameters.bind(text.literals(), e.plan().parameters);
      if (values == null) {
        return null;
      }
      floe.countPlanReuse();
      return (CalcitePrepare.CalciteSignature<T>) (CalcitePrepare.CalciteSignature<?>) bound(e.plan(),
          executionRoot(context.getMutableRootSchema()), values);
    }
    boolean owner = PlanRecorder.start();
    CalcitePrepare.CalciteSignature<T> made;
    PlanRecorder.Recording recording = null;
    try {
      made = plan.get();
    } catch (RuntimeException | AssertionError | StackOverflowError failed) {
      synchronized (this) {
        plans.put(key, NOT_PARAMETERIZABLE); // as written, it may plan (or fail with its own error)
      }
      return null;
    } finally {
      if (owner) {
        recording = PlanRecorder.stop();
      }
    }
    if (recording == null || !recording.cacheable() || made.statementType != Meta.StatementType.SELECT) {
      synchronized (this) {
        plans.put(key, NOT_PARAMETERIZABLE);
      }
      return null;
    }
    CalcitePrepare.CalciteSignature<Object> guarded = guarded(key, (CalcitePrepare.CalciteSignature<Object>) made);
    synchronized (this) {
      plans.put(key, new Entry(guarded, recording));
    }
    Map<String, Object> values = LiteralParameters.bind(text.literals(), made.parameters);
    return values == null ? null : (CalcitePrepare.CalciteSignature<T>) (CalcitePrepare.CalciteSignature<?>)
        bound(guarded, made.rootSchema, values);
  }

  /**
   * {@code s}, dropped from the cache under {@code key} if its generated code cannot be
   * initialized: Calcite hoists constant expressions into static fields of the generated classes,
   * so {@code SELECT 2147483647 + 1} fails when its class is first initialized (22003), and a class
   * whose initialization failed can never be used again (every later run would be "could not
   * initialize class"). The next statement of the text is then planned, and fails, afresh.
   */
  private CalcitePrepare.CalciteSignature<Object> guarded(String key, CalcitePrepare.CalciteSignature<Object> s) {
    Runnable drop = () -> {
      synchronized (this) {
        plans.remove(key);
      }
    };
    org.apache.calcite.runtime.Bindable<Object> bindable = dc -> {
      try {
        return new InitGuard<>(s.enumerable(dc), drop);
      } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
        drop.run();
        throw e;
      }
    };
    return new CalcitePrepare.CalciteSignature<>(s.sql, s.parameters, s.internalParameters, s.rowType,
        s.columns, s.cursorFactory, s.rootSchema, s.getCollationList(), -1, bindable, s.statementType);
  }

  /** Rows of a cached plan: a failure to initialize its generated classes drops the plan. */
  private static final class InitGuard<T> extends org.apache.calcite.linq4j.AbstractEnumerable<T> {
    private final org.apache.calcite.linq4j.Enumerable<T> rows;
    private final Runnable drop;

    InitGuard(org.apache.calcite.linq4j.Enumerable<T> rows, Runnable drop) {
      this.rows = rows;
      this.drop = drop;
    }

    @Override
    public org.apache.calcite.linq4j.Enumerator<T> enumerator() {
      try {
        return rows.enumerator();
      } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
        drop.run();
        throw e;
      }
    }
  }

  /** {@code s} running on {@code root}: the same code, parameters and columns. */
  private static CalcitePrepare.CalciteSignature<Object> bound(CalcitePrepare.CalciteSignature<Object> s,
      CalciteSchema root) {
    return bound(s, root, null);
  }

  /**
   * {@code s} running on {@code root}, with {@code values} (when given) as the values of its
   * parameters, which the statement then no longer has.
   */
  private static CalcitePrepare.CalciteSignature<Object> bound(CalcitePrepare.CalciteSignature<Object> s,
      CalciteSchema root, Map<String, Object> values) {
    Map<String, Object> internal = s.internalParameters;
    List<org.apache.calcite.avatica.AvaticaParameter> parameters = s.parameters;
    if (values != null) {
      internal = new java.util.HashMap<>(s.internalParameters);
      internal.putAll(values);
      parameters = List.of();
    }
    // the row limit stays inside s.enumerable; the copy adds none
    return new CalcitePrepare.CalciteSignature<>(s.sql, parameters, internal, s.rowType,
        s.columns, s.cursorFactory, root, s.getCollationList(), -1, s::enumerable, s.statementType);
  }

  /** A snapshot of a connection's root schema in which a reused plan looks its Floe tables up by name. */
  private static CalciteSchema executionRoot(CalciteSchema mutableRoot) {
    CalciteSchema root = mutableRoot.createSnapshot(FloeSchema.EXECUTION);
    for (CalciteSchema sub : root.getSubSchemaMap().values()) {
      if (sub.schema instanceof FloeSchema) {
        // a cached name lookup would list the whole catalog; the lookup is made on first use and
        // only a lookup that exists is switched off
        sub.tables();
        sub.setCache(false);
      }
    }
    return root;
  }

  private static FloeSchema floeSchema(CalciteSchema root) {
    if (root == null) {
      return null;
    }
    for (CalciteSchema sub : root.getSubSchemaMap().values()) {
      if (sub.schema instanceof FloeSchema f) {
        return f;
      }
    }
    return null;
  }

}
