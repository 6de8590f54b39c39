package dev.floe.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link PreparedStatement} for a statement Floe runs itself ({@link DdlExtensions}), which
 * Calcite cannot prepare: {@code execute}, {@code executeUpdate} and {@code executeLargeUpdate} run
 * it (each time they are called); it takes no parameters and yields no result set ({@code
 * executeQuery} runs it, then throws 02000 as {@link DdlExtensions} does). Everything a
 * plain {@link Statement} offers goes to one underlying statement.
 */
final class PreparedDdl implements InvocationHandler {
  private final Statement statement;
  private final String sql;
  private final Connection connection;

  private PreparedDdl(Statement statement, String sql, Connection connection) {
    this.statement = statement;
    this.sql = sql;
    this.connection = connection;
  }

  /** @param connection what {@code getConnection} returns (the driver's wrapper) */
  static PreparedStatement of(Statement statement, String sql, Connection connection) {
    return (PreparedStatement) Proxy.newProxyInstance(PreparedDdl.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, new PreparedDdl(statement, sql, connection));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int argc = args == null ? 0 : args.length;
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "PreparedStatement[" + sql + "]";
      };
    }
    if (argc == 0 && (name.equals("execute") || name.equals("executeUpdate") || name.equals("executeLargeUpdate")
        || name.equals("executeQuery"))) {
      return DdlExtensions.run(statement, method, new Object[] {sql});
    }
    if (argc == 0 && name.equals("getConnection")) {
      return connection;
    }
    if (argc == 0 && (name.equals("getMetaData") || name.equals("getResultSet"))) {
      return null;
    }
    if (name.equals("unwrap") || name.equals("isWrapperFor")) {
      Class<?> iface = (Class<?>) args[0];
      boolean mine = iface.isInstance(proxy);
      return name.equals("isWrapperFor") ? mine : mine ? proxy : method.invoke(statement, args);
    }
    if (method.getDeclaringClass() != PreparedStatement.class) {
      try {
        return Statement.class.getMethod(name, method.getParameterTypes()).invoke(statement, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } catch (NoSuchMethodException e) {
        // a java.sql.Wrapper/AutoCloseable method reached through another interface: fall through
      }
    }
    throw SqlState.FEATURE_NOT_SUPPORTED.exception(name + " on '" + sql + "': Floe runs ALTER TABLE itself;"
        + " it takes no parameters and no batches; call execute() or executeUpdate()", null);
  }
}
