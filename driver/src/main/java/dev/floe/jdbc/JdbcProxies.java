package dev.floe.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.floe.planner.exec.StatementCancel;
import org.apache.calcite.avatica.FloeCancelFlags;
import org.apache.calcite.jdbc.FloeMetaImpl;

/**
 * Wraps Calcite's JDBC objects so that every {@link SQLException} leaving the driver carries a
 * SQLState and the JDBC 4 subclass of its class ({@link ErrorTranslator}). Objects reached through
 * a wrapped object (statements, result sets, metadata) are wrapped too, and navigation back ({@code
 * getConnection}, {@code getStatement}) returns the wrappers. {@code unwrap} reaches the Calcite
 * objects underneath.
 */
final class JdbcProxies {
  private JdbcProxies() {}

  /** @param snapshot the named snapshot the connection reads (it then stays read-only), or null */
  static Connection connection(Connection target, String snapshot) {
    return Connection.class.cast(Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Handler(target, null, new ConnectionSettings(snapshot))));
  }

  private static <T> T wrap(Class<T> iface, Object target, Object parent) {
    return iface.cast(Proxy.newProxyInstance(
        JdbcProxies.class.getClassLoader(), new Class<?>[] {iface},
        new Handler(target, parent, target instanceof Connection ? new ConnectionSettings(null) : null)));
  }

  private static final class Handler implements InvocationHandler {
    private final Object target;
    private final Object parent;
    /** A connection's own settings; null for the other objects. */
    private final ConnectionSettings settings;
    /** A statement's query timeout and cancel flag, made at its first execute or cancel; null until then. */
    private volatile QueryDeadline deadline;

    Handler(Object target, Object parent, ConnectionSettings settings) {
      this.target = target;
      this.parent = parent;
      this.settings = settings;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (target instanceof ResultSet && name.equals("getObject") && args.length == 2
          && JavaTimeValues.reads(args[1])) {
        try {
          return JavaTimeValues.read((ResultSet) target, args[0], (Class<?>) args[1]);
        } catch (SQLException e) {
          throw ErrorTranslator.translate(e);
        }
      }
      if (target instanceof ResultSet
          && (name.equals("next") || (name.startsWith("get") && !name.equals("getStatement")))) {
        return invokeTarget(method, args); // once per row and per value: nothing to add, nothing to wrap
      }
      int argc = args == null ? 0 : args.length;
      if (argc >= 2 && method.getReturnType() == void.class && name.startsWith("set")
          && target instanceof PreparedStatement) {
        if (name.equals("setNull") && argc == 3) { // Avatica ignores this one, leaving the parameter as it was
          return invokeTarget(PreparedStatement.class.getMethod("setNull", int.class, int.class),
              new Object[] {args[0], args[1]});
        }
        if (name.equals("setObject") && args[1] != null) {
          Object v = JavaTimeValues.toJdbc(args[1]);
          if (argc >= 3 && args[2] instanceof Integer type && JavaTimeValues.byClass(v, type)) {
            try {
              ((PreparedStatement) target).setObject((Integer) args[0], v);
              return null;
            } catch (SQLException e) {
              throw ErrorTranslator.translate(e);
            }
          }
          if (v != args[1]) {
            args = args.clone();
            args[1] = v;
          }
        }
        if (args[1] instanceof Double || args[1] instanceof Float || args[1] instanceof java.math.BigDecimal) {
          Object[] whole = IntegerParameters.rounded((PreparedStatement) target, args);
          if (whole != null) {
            return invokeTarget(PreparedStatement.class.getMethod("setObject", int.class, Object.class), whole);
          }
        }
        return invokeTarget(method, args); // parameter setters, once per value of a batch: nothing more to add
      }
      if (method.getDeclaringClass() == Object.class) {
        switch (name) {
          case "equals":
            return proxy == args[0];
          case "hashCode":
            return System.identityHashCode(proxy);
          default:
            return target.toString();
        }
      }
      if (name.equals("unwrap") && argc == 1) {
        Class<?> iface = (Class<?>) args[0];
        return iface.isInstance(proxy) && !iface.isInstance(target) ? proxy : invokeTarget(method, args);
      }
      if (name.equals("isWrapperFor") && argc == 1) {
        return ((Class<?>) args[0]).isInstance(proxy) || (Boolean) invokeTarget(method, args);
      }
      if (argc == 0 && (name.equals("cancel") || name.equals("close"))) {
        Optional<Object> done = cancelOrClose(name);
        if (done.isPresent()) {
          return null;
        }
      }
      if (argc == 0 && parent != null
          && ((name.equals("getConnection") && parent instanceof Connection)
              || (name.equals("getStatement") && parent instanceof Statement))) {
        return parent;
      }
      if (target instanceof Connection c && argc == 0 && (name.equals("commit") || name.equals("rollback"))
          && !c.isClosed() && c.getAutoCommit()) {
        throw SqlState.NO_ACTIVE_TRANSACTION.exception("cannot " + name + " while autocommit is on: each statement"
            + " already committed when it ran; call setAutoCommit(false) to start a transaction (as pgjdbc)");
      }
      if (target instanceof org.apache.calcite.avatica.AvaticaPreparedStatement ps && argc == 0
          && name.equals("addBatch") && !ps.isClosed()) {
        int unset = org.apache.calcite.avatica.FloeParameterSlots.firstUnset(ps);
        if (unset >= 0) { // Avatica would bind it as NULL
          throw SqlState.PARAMETER_NOT_SET.exception("parameter " + (unset + 1) + " has no value: set every"
              + " parameter before addBatch (setNull for NULL); values stay set until clearParameters");
        }
      }
      Optional<Object> option = StatementOptions.answer(proxy, target, settings, name, args);
      if (option.isPresent()) {
        return option.get();
      }
      if (settings != null) {
        Optional<Object> answer = settings.answer((Connection) target, method, args);
        if (answer.isPresent()) {
          return answer.get() == Void.TYPE ? null : answer.get();
        }
      }
      if (target instanceof DatabaseMetaData md && name.equals("isReadOnly") && argc == 0) {
        return md.getConnection().isReadOnly(); // Calcite's says true for every connection
      }
      if (target instanceof DatabaseMetaData) {
        Optional<Object> override = MetaDataOverrides.answer(method, args);
        if (override.isPresent()) {
          return override.get();
        }
      }
      if (target instanceof Connection && name.equals("prepareStatement") && argc >= 1
          && args[0] instanceof String sql && DdlExtensions.runsItself(sql)) {
        Statement plain = (Statement) wrap(Statement.class, ((Connection) target).createStatement(), proxy);
        return PreparedDdl.of(plain, sql, (Connection) proxy);
      }
      if (DdlExtensions.handles(target, method, args)) {
        return DdlExtensions.run((Statement) target, method, args);
      }
      if (target instanceof Statement st && name.startsWith("execute")) {
        QueryDeadline d = deadline(st);
        d.start(st.isClosed() ? 0 : st.getQueryTimeout());
        AtomicBoolean outer = StatementCancel.enter(d.flag()); // for statements it runs itself (CTAS)
        int mark = dev.floe.planner.exec.OpenScans.mark();
        Object result;
        try {
          Optional<String> analyzed = argc >= 1 && args[0] instanceof String text ? ExplainAnalyze.of(text)
              : Optional.empty();
          result = analyzed.isEmpty() ? invokeTarget(method, args) : analyzed(st, name, analyzed.get());
        } catch (Throwable e) {
          d.disarm();
          dev.floe.planner.exec.OpenScans.closeSince(mark); // their buffers go back now, not at close
          throw ViewWrites.explain(target, args, e);
        } finally {
          StatementCancel.enter(outer);
        }
        if (!(result instanceof ResultSet) && !Boolean.TRUE.equals(result)) {
          d.disarm(); // an update count: the execution is over (a result set's reading is not)
        }
        dev.floe.planner.exec.OpenScans.forget(mark);
        warnConnection(dev.floe.planner.ddl.DdlNotices.drain());
        return wrapResult(method.getReturnType(), result, proxy);
      }
      Object result;
      try {
        result = invokeTarget(method, args);
      } catch (SQLException e) {
        throw target instanceof Connection && name.startsWith("prepare") ? ViewWrites.explain(target, args, e) : e;
      }
      if (target instanceof Connection c && name.equals("setReadOnly") && argc == 1) {
        // the store handle under the connection follows: a read-only connection's store cannot write
        FloeMetaImpl.of(c.unwrap(org.apache.calcite.avatica.AvaticaConnection.class)).store()
            .setReadOnly((Boolean) args[0]);
      }
      Object wrapped = wrapResult(method.getReturnType(), result, proxy);
      if (wrapped instanceof PreparedStatement ps && target instanceof Connection && name.equals("prepareStatement")
          && argc == 1 && "INSERT".equals(SqlText.firstKeyword((String) args[0]))
          && dev.floe.planner.exec.DirectInsert.shaped((String) args[0])) {
        return BatchInsertStatement.wrap(ps); // batches gathered by column, bound straight into segments
      }
      return wrapped;
    }

    /** {@code EXPLAIN ANALYZE query} through {@code execute}/{@code executeQuery} ({@link ExplainAnalyze}). */
    private Object analyzed(Statement st, String method, String query) throws SQLException {
      if (!method.equals("execute") && !method.equals("executeQuery")) {
        throw SqlState.FEATURE_NOT_SUPPORTED.exception("EXPLAIN ANALYZE answers rows; run it with execute or"
            + " executeQuery, not " + method);
      }
      ResultSet rs;
      try {
        rs = ExplainAnalyze.run(st, query);
      } catch (SQLException e) {
        throw e.getSQLState() != null ? e : timeoutIfTimedOut(ErrorTranslator.translate(e));
      } catch (RuntimeException | LinkageError e) { // a plan's failing static initializer is a LinkageError
        throw timeoutIfTimedOut(ErrorTranslator.translate(e));
      }
      return method.equals("execute") ? Boolean.TRUE : rs;
    }

    /** This statement's deadline, made at first use (one per statement, also when cancel races the first execute). */
    private synchronized QueryDeadline deadline(Statement statement) throws SQLException {
      QueryDeadline d = deadline;
      if (d == null) {
        d = new QueryDeadline(FloeCancelFlags.of(statement));
        deadline = d;
      }
      return d;
    }

    /**
     * {@code cancel()} of an open statement sets its flag and returns at once (Avatica's own cancel
     * would wait for the statement's lock); {@code close()} of a statement or of a result set disarms
     * the statement's timeout, then closes as usual (empty).
     */
    private Optional<Object> cancelOrClose(String name) throws SQLException {
      if (target instanceof Statement st && name.equals("cancel")) {
        if (st.isClosed()) {
          return Optional.empty(); // Avatica refuses it: 08003
        }
        StatementCancel.cancel(deadline(st).flag());
        return Optional.of(Void.TYPE);
      }
      Handler owner = target instanceof Statement ? this
          : target instanceof ResultSet && parent != null && Proxy.isProxyClass(parent.getClass())
              && Proxy.getInvocationHandler(parent) instanceof Handler h ? h : null;
      if (name.equals("close") && owner != null && owner.deadline != null) {
        owner.deadline.disarm();
      }
      return Optional.empty();
    }

    /** Adds {@code notices} to the warnings of the connection this statement belongs to. */
    private void warnConnection(List<String> notices) {
      if (!notices.isEmpty() && parent != null && Proxy.isProxyClass(parent.getClass())
          && Proxy.getInvocationHandler(parent) instanceof Handler h && h.settings != null) {
        notices.forEach(h.settings::warn);
      }
    }

    private Object invokeTarget(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args); // public methods of public interfaces: the access check is quick
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof StackOverflowError && Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)) {
          throw SqlState.STATEMENT_TOO_COMPLEX.exception("the statement is too deeply nested to plan (a very long"
              + " list of operands or parameters, say); split it, or put the values in a table and join it", cause);
        }
        if (mayTranslate(method, cause)) {
          throw timeoutIfTimedOut(ErrorTranslator.translate(cause));
        }
        throw cause;
      }
    }

    /**
     * A 57014 as a timeout when the statement's timer set its flag: Avatica's own check in {@code
     * ResultSet.next} ("Statement canceled") cannot tell a timeout from a cancel.
     */
    private SQLException timeoutIfTimedOut(SQLException e) {
      if (!SqlState.QUERY_CANCELED.code().equals(e.getSQLState()) || e instanceof java.sql.SQLTimeoutException
          || !(target instanceof Statement || target instanceof ResultSet)) {
        return e;
      }
      try {
        Statement s = target instanceof Statement st ? st : ((ResultSet) target).getStatement();
        AtomicBoolean flag = s == null ? null : FloeCancelFlags.of(s);
        return StatementCancel.timedOut(flag)
            ? SqlState.QUERY_TIMEOUT.exception(StatementCancel.stopped(flag).getMessage(), e) : e;
      } catch (SQLException | RuntimeException notAvatica) {
        return e;
      }
    }

    private static boolean mayTranslate(Method method, Throwable cause) {
      if (cause instanceof VirtualMachineError || cause.getClass().getSimpleName().equals("SimulatedCrash")) {
        return false;
      }
      return Arrays.asList(method.getExceptionTypes()).contains(SQLException.class);
    }

    private Object wrapResult(Class<?> type, Object result, Object proxy) {
      if (result == null || Proxy.isProxyClass(result.getClass())) {
        return result;
      }
      Object owner = proxy;
      if (type == Statement.class || type == PreparedStatement.class || type == CallableStatement.class
          || type == ResultSet.class || type == DatabaseMetaData.class) {
        if (type == ResultSet.class && !(proxy instanceof Statement)) {
          owner = statementOf((ResultSet) result, proxy);
        }
        return wrap(type, result, owner);
      }
      return result;
    }

    /** A metadata result set's statement is Calcite's; navigation from it ends at our connection. */
    private Object statementOf(ResultSet rs, Object proxy) {
      return proxy instanceof DatabaseMetaData ? null : proxy;
    }
  }
}
