package dev.floe.planner;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.List;
import dev.floe.planner.plan.FloeProgram;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.tools.Program;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.apache.calcite.tools.RelRunner;

/**
 * Calcite's statement preparation under Floe's SQL conformance: Calcite's {@code LENIENT} rules,
 * except that arithmetic on exact numbers is checked, so {@code 2147483647 + 1} on INTEGER (and
 * the like on every exact type) raises {@link ArithmeticException} instead of wrapping around. The
 * connection's {@code conformance} property names only Calcite's enum constants, so every
 * statement is prepared under a context whose configuration answers {@link #CONFORMANCE} and
 * {@link FloeFunctions#OPERATORS}, and optimized with {@link FloeProgram#PROGRAM} (heuristic join order for many tables, checked SUM).
 * Queries are planned once per JVM and text ({@link PlanCache}), whichever connection asks.
 */
public final class FloePrepare extends CalcitePrepareImpl {
  /** {@code LENIENT} with checked arithmetic on exact numeric types. */
  public static final SqlConformance CONFORMANCE = new SqlDelegatingConformance(SqlConformanceEnum.LENIENT) {
    @Override
    public boolean checkedArithmetic() {
      return true;
    }
  };

  @Override
  public ParseResult parse(Context context, String sql) {
    return super.parse(floe(context), sql);
  }

  @Override
  public ConvertResult convert(Context context, String sql) {
    return super.convert(floe(context), sql);
  }

  @Override
  public AnalyzeViewResult analyzeView(Context context, String sql, boolean fail) {
    return super.analyzeView(floe(context), sql, fail);
  }

  @Override
  public void executeDdl(Context context, SqlNode node) {
    ReadOnlyCheck.parsed(context, node);
    super.executeDdl(floe(context), node);
  }

  @Override
  public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType, long maxRowCount) {
    Context c = floe(context);
    String key = PlanCache.key(c, query, elementType, maxRowCount);
    if (key == null) {
      return super.prepareSql(c, query, elementType, maxRowCount);
    }
    CalciteSignature<T> kept = PlanCache.SHARED.reuse(key, c); // a text run again as written: no parse
    if (kept != null) {
      return kept;
    }
    LiteralParameters.Parameterized text = LiteralParameters.of(query.sql, parserConfig(c));
    if (text != null) {
      String textKey = PlanCache.key(c, Query.of(text.sql()), elementType, maxRowCount) + "\u0002" + text.kinds();
      CalciteSignature<T> s = PlanCache.SHARED.planLiterals(textKey, c, text,
          () -> super.prepareSql(c, Query.of(text.sql()), elementType, maxRowCount));
      if (s != null) {
        return s;
      }
    }
    return PlanCache.SHARED.plan(key, c, () -> super.prepareSql(c, query, elementType, maxRowCount));
  }

  /** The parser settings Calcite prepares {@code context}'s statements with. */
  private SqlParser.Config parserConfig(Context context) {
    CalciteConnectionConfig config = context.config();
    SqlParser.Config parser = parserConfig()
        .withQuotedCasing(config.quotedCasing())
        .withUnquotedCasing(config.unquotedCasing())
        .withQuoting(config.quoting())
        .withConformance(config.conformance())
        .withCaseSensitive(config.caseSensitive());
    SqlParserImplFactory factory = config.parserFactory(SqlParserImplFactory.class, null);
    return factory == null ? parser : parser.withParserFactory(factory);
  }

  /** Calcite's preparing statement, optimizing with {@link FloeProgram#PROGRAM}. */
  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType, CalciteCatalogReader catalogReader,
      RelOptPlanner planner) {
    EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    Convention convention = enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE;
    return new CalcitePreparingStmt(this, context, catalogReader, context.getTypeFactory(), context.getRootSchema(),
        prefer, createCluster(planner, new RexBuilder(context.getTypeFactory())), convention, createConvertletTable()) {
      private boolean explain;

      @Override
      protected Program getProgram() {
        return FloeProgram.PROGRAM;
      }

      /** Refuses a write on a read-only connection as soon as it is parsed (an EXPLAIN runs nothing). */
      @Override
      public PreparedResult prepareSql(SqlNode sqlQuery, SqlNode sqlNodeOriginal, Class<?> runtimeContextClass,
          SqlValidator validator, boolean needsValidation) {
        explain = sqlQuery.getKind() == SqlKind.EXPLAIN;
        ReadOnlyCheck.parsed(context, sqlQuery);
        ColumnNames.name(sqlQuery); // count, sum, ?column? ... where Calcite would say EXPR$0
        return super.prepareSql(sqlQuery, sqlNodeOriginal, runtimeContextClass, validator, needsValidation);
      }

      /** Refuses, on a read-only connection, a validated plan that writes (a maintenance function, say). */
      @Override
      protected RelRoot optimize(RelRoot root, List<Materialization> materializations,
          List<CalciteSchema.LatticeEntry> lattices) {
        if (!explain) {
          ReadOnlyCheck.plan(context, root.rel);
        }
        if (callsTableFunction(root.rel)) {
          PlanRecorder.uncacheable(); // its rows (and maybe its effects) are the function's, not a table's
        }
        return super.optimize(root, materializations, lattices);
      }
    };
  }

  private static boolean callsTableFunction(org.apache.calcite.rel.RelNode rel) {
    if (rel instanceof org.apache.calcite.rel.core.TableFunctionScan) {
      return true;
    }
    for (org.apache.calcite.rel.RelNode input : rel.getInputs()) {
      if (callsTableFunction(input)) {
        return true;
      }
    }
    return false;
  }

  /** Calcite's convertlets with PostgreSQL's casts to integer types ({@link FloeConvertlets}). */
  @Override
  protected org.apache.calcite.sql2rel.SqlRexConvertletTable createConvertletTable() {
    return FloeConvertlets.INSTANCE;
  }

  private static Context floe(Context context) {
    return context instanceof FloeContext ? context : new FloeContext(context, config(context.config()));
  }

  /** {@code base} answering {@link #CONFORMANCE}; every other setting as {@code base} has it. */
  static CalciteConnectionConfig config(CalciteConnectionConfig base) {
    return (CalciteConnectionConfig) Proxy.newProxyInstance(FloePrepare.class.getClassLoader(),
        new Class<?>[] {CalciteConnectionConfig.class}, (proxy, method, args) -> {
          if (method.getName().equals("conformance") && method.getParameterCount() == 0) {
            return CONFORMANCE;
          }
          if (method.getName().equals("fun") && method.getParameterCount() == 2) {
            return FloeFunctions.OPERATORS;
          }
          try {
            return method.invoke(base, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** A context that is {@code base} but for its configuration. */
  private record FloeContext(Context base, CalciteConnectionConfig config) implements Context {
    @Override
    public JavaTypeFactory getTypeFactory() {
      return base.getTypeFactory();
    }

    @Override
    public CalciteSchema getRootSchema() {
      return base.getRootSchema();
    }

    @Override
    public CalciteSchema getMutableRootSchema() {
      return base.getMutableRootSchema();
    }

    @Override
    public List<String> getDefaultSchemaPath() {
      return base.getDefaultSchemaPath();
    }

    @Override
    public CalcitePrepare.SparkHandler spark() {
      return base.spark();
    }

    @Override
    public DataContext getDataContext() {
      return base.getDataContext();
    }

    @Override
    public List<String> getObjectPath() {
      return base.getObjectPath();
    }

    @Override
    public RelRunner getRelRunner() {
      return base.getRelRunner();
    }
  }
}
