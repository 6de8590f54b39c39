package dev.floe.shell;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The view of a result set that sqlline's own output formats print: TIMESTAMP columns as {@link
 * TimestampText} (sqlline prints {@code getObject().toString()}, which ends in {@code .0}), and a
 * hook run when the last row has been read (before sqlline prints the rows it buffered).
 */
final class DisplayResultSet implements InvocationHandler {
  private final ResultSet rs;
  private final boolean[] timestamp;
  private final Runnable atEnd;

  private DisplayResultSet(ResultSet rs, Runnable atEnd) throws SQLException {
    this.rs = rs;
    this.atEnd = atEnd;
    ResultSetMetaData md = rs.getMetaData();
    timestamp = new boolean[md.getColumnCount() + 1];
    for (int i = 1; i < timestamp.length; i++) {
      int type = md.getColumnType(i);
      timestamp[i] = type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE;
    }
  }

  static ResultSet of(ResultSet rs, Runnable atEnd) throws SQLException {
    return (ResultSet) Proxy.newProxyInstance(DisplayResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, new DisplayResultSet(rs, atEnd));
  }

  @Override
  public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    if (m.getName().equals("getObject") && args != null && args.length == 1 && args[0] instanceof Integer i
        && i > 0 && i < timestamp.length && timestamp[i]) {
      return TimestampText.of(rs.getString(i));
    }
    Object result;
    try {
      result = m.invoke(rs, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (m.getName().equals("next") && Boolean.FALSE.equals(result)) {
      atEnd.run();
    }
    return result;
  }
}
