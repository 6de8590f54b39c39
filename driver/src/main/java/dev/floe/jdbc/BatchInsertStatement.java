package dev.floe.jdbc;

import dev.floe.planner.exec.OpenScans;
import dev.floe.planner.exec.ParameterColumns;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaSite;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.jdbc.FloeMetaImpl;

/**
 * The PreparedStatement of an {@code INSERT ... VALUES (?, ...)}: its batches are gathered by
 * column ({@link ParameterColumns}) instead of as Avatica's {@code TypedValue} lists, and {@link
 * #executeBatch} hands them to {@link FloeMetaImpl#executeBatch(org.apache.calcite.avatica.Meta.StatementHandle,
 * ParameterColumns)}, which binds them straight into the table's vectors when it can and otherwise
 * runs exactly the lists Avatica would have built. Answers, errors and SQLStates are those of the
 * statement it wraps:
 *
 * <ul>
 *   <li>The ordinary setters ({@code setBoolean} to {@code setDouble}, {@code setBigDecimal}, {@code
 *       setString}, {@code setNString}, both {@code setNull}s, {@code setDate} and {@code
 *       setTimestamp} with and without a Calendar, {@code setObject(int, Object)} with a boxed
 *       number, a String, a {@code java.sql} or {@code java.time} date-time or null, and {@code
 *       setObject(int, Object, int)} with null or the class of its type) record the value as
 *       Avatica would convert it, without calling the wrapped statement; a bad parameter index or a
 *       closed statement is left to the wrapped statement, which throws its error.
 *   <li>Every other setter goes to the wrapped statement (its errors are its own) and its value is
 *       also converted by Avatica's own {@link AvaticaSite} for the batch ({@link #slowSetters}
 *       counts them).
 *   <li>{@code execute}, {@code executeUpdate} and {@code executeQuery} first give the wrapped
 *       statement the values the ordinary setters recorded, then run it.
 * </ul>
 *
 * <p>A date or timestamp is converted here ({@link AvaticaTimes}) when it lies in the years 1600 to
 * 9999, otherwise by Avatica itself. The JVM's default zone is read when the statement is prepared.
 * {@code setNull(p, type, typeName)} sets NULL as JDBC says (Avatica's own ignores it and leaves
 * the parameter as it was).
 */
final class BatchInsertStatement extends ForwardingPreparedStatement {
  private static final byte REPLAY_NONE = 0;
  private static final byte REPLAY_NULL = 1;
  private static final byte REPLAY_VALUE = 2;
  private static final byte REPLAY_NSTRING = 3;
  /** {@code setObject} of the original value (a java.time value, or a date-time with its Calendar). */
  private static final byte REPLAY_OBJECT = 4;
  private static final byte REPLAY_CALENDAR = 5;

  private final AvaticaPreparedStatement raw;
  private final FloeMetaImpl meta;
  private final int params;
  private final ParameterColumns batch;
  private final Calendar calendar;
  /** The connection's time zone, that of {@link #calendar}. */
  private final TimeZone zone;
  private final AvaticaTimes times;
  /** Setter calls whose value Avatica converted (a diagnostic, for tests). */
  private long slowSetters;
  /** Per parameter: how the wrapped statement would be given the recorded value (or that it has it already). */
  private final byte[] replay;
  private final int[] nullTypes;
  private final Object[] originals;
  private final Calendar[] calendars;
  private final TypedValue[] scratch;
  private final AvaticaParameter anyParameter = new AvaticaParameter(false, 0, 0, 0, "", "", "");

  private BatchInsertStatement(PreparedStatement delegate, AvaticaPreparedStatement raw, FloeMetaImpl meta)
      throws SQLException {
    super(delegate);
    this.raw = raw;
    this.meta = meta;
    this.params = raw.getParameterCount();
    this.batch = new ParameterColumns(params);
    this.calendar = Calendar.getInstance(raw.getConnection().unwrap(AvaticaConnection.class).getTimeZone(),
        Locale.ROOT); // as AvaticaPreparedStatement.getCalendar
    this.zone = calendar.getTimeZone();
    this.times = new AvaticaTimes(zone);
    this.replay = new byte[params];
    this.nullTypes = new int[params];
    this.originals = new Object[params];
    this.calendars = new Calendar[params];
    this.scratch = new TypedValue[params];
  }

  /** {@code delegate} (Floe's wrapper of a Calcite statement) with batches gathered by column. */
  static PreparedStatement wrap(PreparedStatement delegate) throws SQLException {
    AvaticaPreparedStatement raw = delegate.unwrap(AvaticaPreparedStatement.class);
    FloeMetaImpl meta = FloeMetaImpl.of(raw.getConnection().unwrap(AvaticaConnection.class));
    return new BatchInsertStatement(delegate, raw, meta);
  }

  /** How many setter calls on this statement had their value converted by Avatica rather than here. */
  long slowSetters() {
    return slowSetters;
  }

  /** Whether {@code p} is a parameter index of an open statement (else the wrapped statement throws). */
  private boolean ours(int p) throws SQLException {
    return p >= 1 && p <= params && !raw.isClosed();
  }

  private void recorded(int p, byte t, long v, byte how) {
    batch.set(p - 1, t, v);
    replay[p - 1] = how;
  }

  @Override
  public void setBoolean(int p, boolean x) throws SQLException {
    if (!ours(p)) {
      delegate.setBoolean(p, x);
      return;
    }
    recorded(p, ParameterColumns.BOOLEAN, x ? 1 : 0, REPLAY_VALUE);
  }

  @Override
  public void setByte(int p, byte x) throws SQLException {
    if (!ours(p)) {
      delegate.setByte(p, x);
      return;
    }
    recorded(p, ParameterColumns.BYTE, x, REPLAY_VALUE);
  }

  @Override
  public void setShort(int p, short x) throws SQLException {
    if (!ours(p)) {
      delegate.setShort(p, x);
      return;
    }
    recorded(p, ParameterColumns.SHORT, x, REPLAY_VALUE);
  }

  @Override
  public void setInt(int p, int x) throws SQLException {
    if (!ours(p)) {
      delegate.setInt(p, x);
      return;
    }
    recorded(p, ParameterColumns.INT, x, REPLAY_VALUE);
  }

  @Override
  public void setLong(int p, long x) throws SQLException {
    if (!ours(p)) {
      delegate.setLong(p, x);
      return;
    }
    recorded(p, ParameterColumns.LONG, x, REPLAY_VALUE);
  }

  /** The JDBC type of each parameter, read once when a float or decimal is first bound. */
  private int[] parameterTypes;

  /**
   * Binds {@code x} (a Float, Double or BigDecimal) rounded, when parameter {@code p} is of an
   * integer type, as PostgreSQL's assignment cast does ({@link IntegerParameters}); false when it
   * is not, and nothing was bound.
   */
  private boolean boundWhole(int p, Object x) throws SQLException {
    if (parameterTypes == null) {
      java.sql.ParameterMetaData md = getParameterMetaData();
      int[] types = new int[md.getParameterCount()];
      for (int i = 0; i < types.length; i++) {
        types[i] = md.getParameterType(i + 1);
      }
      parameterTypes = types;
    }
    if (p < 1 || p > parameterTypes.length) {
      return false; // the setter reports the bad index
    }
    Object v = IntegerParameters.rounded(parameterTypes[p - 1], x);
    if (v == null) {
      return false;
    }
    if (v instanceof Long l) {
      setLong(p, l);
    } else if (v instanceof Integer i) {
      setInt(p, i);
    } else if (v instanceof Short sh) {
      setShort(p, sh);
    } else {
      setByte(p, (Byte) v);
    }
    return true;
  }

  @Override
  public void setFloat(int p, float x) throws SQLException {
    if (boundWhole(p, x)) {
      return;
    }
    if (!ours(p)) {
      delegate.setFloat(p, x);
      return;
    }
    recorded(p, ParameterColumns.FLOAT, Float.floatToRawIntBits(x), REPLAY_VALUE);
  }

  @Override
  public void setDouble(int p, double x) throws SQLException {
    if (boundWhole(p, x)) {
      return;
    }
    if (!ours(p)) {
      delegate.setDouble(p, x);
      return;
    }
    recorded(p, ParameterColumns.DOUBLE, Double.doubleToRawLongBits(x), REPLAY_VALUE);
  }

  @Override
  public void setString(int p, String x) throws SQLException {
    if (!ours(p)) {
      delegate.setString(p, x);
      return;
    }
    string(p, x, REPLAY_VALUE);
  }

  @Override
  public void setNString(int p, String x) throws SQLException {
    if (!ours(p)) {
      delegate.setNString(p, x);
      return;
    }
    string(p, x, REPLAY_NSTRING);
  }

  private void string(int p, String x, byte how) {
    if (x == null) {
      batch.set(p - 1, ParameterColumns.NULL, 0);
    } else {
      batch.setObject(p - 1, ParameterColumns.STRING, x);
    }
    originals[p - 1] = x;
    replay[p - 1] = how;
  }

  @Override
  public void setNull(int p, int sqlType) throws SQLException {
    if (!ours(p)) {
      delegate.setNull(p, sqlType);
      return;
    }
    batch.set(p - 1, ParameterColumns.NULL, 0);
    nullTypes[p - 1] = sqlType;
    replay[p - 1] = REPLAY_NULL;
  }

  /** NULL, as {@link #setNull(int, int)}: the type name says nothing a Floe column needs. */
  @Override
  public void setNull(int p, int sqlType, String typeName) throws SQLException {
    setNull(p, sqlType);
  }

  @Override
  public void setTimestamp(int p, Timestamp x) throws SQLException {
    if (!recordedTime(p, x, zone, ParameterColumns.TIMESTAMP)) {
      delegate.setTimestamp(p, x);
      converted(p, site -> site.setTimestamp(x, calendar));
      return;
    }
    originals[p - 1] = x;
    replay[p - 1] = REPLAY_VALUE;
  }

  /**
   * Records {@code x} (null for NULL) as a TIMESTAMP or DATE ({@code tag}) as Avatica converts it
   * with a Calendar of zone {@code z}; false, and nothing recorded, when Avatica must convert it
   * (no Calendar, a year {@link AvaticaTimes} does not take) or the wrapped statement must report
   * a bad parameter index or a closed statement.
   */
  private boolean recordedTime(int p, java.util.Date x, TimeZone z, byte tag) throws SQLException {
    if (!ours(p) || z == null || (x != null && !AvaticaTimes.fits(x.getTime()))) {
      return false;
    }
    if (x == null) {
      batch.set(p - 1, ParameterColumns.NULL, 0);
    } else {
      instant(p, x.getTime(), z, tag);
    }
    return true;
  }

  /** Records the instant {@code t} as a TIMESTAMP or DATE ({@code tag}) as Avatica converts it with a Calendar of {@code z}. */
  private void instant(int p, long t, TimeZone z, byte tag) {
    batch.set(p - 1, tag, tag == ParameterColumns.DATE ? times.date(t, z) : times.timestamp(t, z));
  }

  /** A setter Floe does not record itself: the wrapped statement has the value; Avatica converts it for the batch. */
  private void converted(int p, SiteCall call) {
    slowSetters++;
    scratch[p - 1] = null;
    call.apply(new AvaticaSite(anyParameter, calendar, p - 1, scratch));
    TypedValue v = scratch[p - 1];
    if (v != null) { // Avatica ignores some setters (streams, setURL, ...): the value stays as it was
      if (v.value == null) {
        batch.set(p - 1, ParameterColumns.NULL, 0);
      } else {
        batch.setObject(p - 1, ParameterColumns.OTHER, v);
      }
    }
    replay[p - 1] = REPLAY_NONE;
  }

  /** One AvaticaSite setter. */
  @FunctionalInterface
  private interface SiteCall {
    void apply(AvaticaSite site);
  }

  @Override
  public void setTimestamp(int p, Timestamp x, Calendar cal) throws SQLException {
    if (!recordedTime(p, x, cal == null ? null : cal.getTimeZone(), ParameterColumns.TIMESTAMP)) {
      delegate.setTimestamp(p, x, cal);
      converted(p, site -> site.setTimestamp(x, cal));
      return;
    }
    withCalendar(p, x, cal);
  }

  private void withCalendar(int p, Object x, Calendar cal) {
    originals[p - 1] = x;
    calendars[p - 1] = cal;
    replay[p - 1] = REPLAY_CALENDAR;
  }

  @Override
  public void setBigDecimal(int p, java.math.BigDecimal x) throws SQLException {
    if (x != null && boundWhole(p, x)) {
      return;
    }
    if (!ours(p)) {
      delegate.setBigDecimal(p, x);
      return;
    }
    if (x == null) {
      batch.set(p - 1, ParameterColumns.NULL, 0);
    } else {
      batch.setObject(p - 1, ParameterColumns.DECIMAL, x);
    }
    originals[p - 1] = x;
    replay[p - 1] = REPLAY_VALUE;
  }

  @Override
  public void setBytes(int p, byte[] x) throws SQLException {
    delegate.setBytes(p, x);
    converted(p, site -> site.setBytes(x));
  }

  @Override
  public void setDate(int p, java.sql.Date x) throws SQLException {
    if (!recordedTime(p, x, zone, ParameterColumns.DATE)) {
      delegate.setDate(p, x);
      converted(p, site -> site.setDate(x, calendar));
      return;
    }
    originals[p - 1] = x;
    replay[p - 1] = REPLAY_VALUE;
  }

  @Override
  public void setDate(int p, java.sql.Date x, Calendar cal) throws SQLException {
    if (!recordedTime(p, x, cal == null ? null : cal.getTimeZone(), ParameterColumns.DATE)) {
      delegate.setDate(p, x, cal);
      converted(p, site -> site.setDate(x, cal));
      return;
    }
    withCalendar(p, x, cal);
  }

  @Override
  public void setTime(int p, java.sql.Time x) throws SQLException {
    delegate.setTime(p, x);
    converted(p, site -> site.setTime(x, calendar));
  }

  @Override
  public void setTime(int p, java.sql.Time x, Calendar cal) throws SQLException {
    delegate.setTime(p, x, cal);
    converted(p, site -> site.setTime(x, cal));
  }

  @Override
  public void setObject(int p, Object x) throws SQLException {
    if (ours(p) && recordedObject(p, x)) {
      return;
    }
    if ((x instanceof Double || x instanceof Float || x instanceof java.math.BigDecimal) && boundWhole(p, x)) {
      return;
    }
    Object v = JavaTimeValues.toJdbc(x);
    delegate.setObject(p, v);
    converted(p, site -> site.setObject(v));
  }

  /**
   * Records {@code x} through the setter Avatica's {@code setObject} amounts to for its class (the
   * same TypedValue: a boxed number as its primitive setter, a {@code java.sql} date-time as {@code
   * setDate} or {@code setTimestamp}, a {@code java.time} one as what {@link JavaTimeValues} binds
   * it as, null as {@code setNull}); false for any other class, and nothing was recorded.
   */
  private boolean recordedObject(int p, Object x) throws SQLException {
    if (x == null) {
      setNull(p, java.sql.Types.NULL); // Avatica's setObject(null) is its setNull: the explicit NULL
    } else if (x instanceof Integer i) {
      setInt(p, i);
    } else if (x instanceof Long l) {
      setLong(p, l);
    } else if (x instanceof String s) {
      setString(p, s);
    } else if (x instanceof Double d) {
      setDouble(p, d);
    } else if (x instanceof java.math.BigDecimal d) {
      setBigDecimal(p, d);
    } else if (x instanceof Timestamp t) {
      setTimestamp(p, t);
    } else if (x instanceof java.sql.Date d) {
      setDate(p, d);
    } else if (x instanceof Short s) {
      setShort(p, s);
    } else if (x instanceof Byte b) {
      setByte(p, b);
    } else if (x instanceof Float f) {
      setFloat(p, f);
    } else if (x instanceof Boolean b) {
      setBoolean(p, b);
    } else if (x instanceof java.time.LocalDateTime t) {
      long instant = times.instant(t);
      if (instant == Long.MIN_VALUE) {
        setTimestamp(p, Timestamp.valueOf(t));
      } else {
        instant(p, instant, zone, ParameterColumns.TIMESTAMP);
      }
      originals[p - 1] = x;
      replay[p - 1] = REPLAY_OBJECT;
    } else if (x instanceof java.time.LocalDate d) {
      long instant = times.instant(d);
      if (instant == Long.MIN_VALUE) {
        setDate(p, java.sql.Date.valueOf(d));
      } else {
        instant(p, instant, zone, ParameterColumns.DATE);
      }
      originals[p - 1] = x;
      replay[p - 1] = REPLAY_OBJECT;
    } else if (x instanceof java.time.Instant || x instanceof java.time.OffsetDateTime
        || x instanceof java.time.ZonedDateTime) {
      setTimestamp(p, (Timestamp) JavaTimeValues.toJdbc(x));
    } else {
      return false;
    }
    return true;
  }

  @Override
  public void setObject(int p, Object x, int targetSqlType) throws SQLException {
    if (ours(p) && x == null) {
      setNull(p, targetSqlType); // as Avatica's setObject(null, type)
      return;
    }
    if (ours(p) && natural(x, targetSqlType) && recordedObject(p, x)) {
      return;
    }
    Object v = JavaTimeValues.toJdbc(x);
    if (JavaTimeValues.byClass(v, targetSqlType)) {
      setObject(p, v);
      return;
    }
    delegate.setObject(p, v, targetSqlType);
    converted(p, site -> site.setObject(v, targetSqlType));
  }

  /**
   * Whether {@code x} is of the class Avatica's {@code setObject(x, type)} converts it to (its
   * {@code setInt(toInt(x))} for INTEGER, say), so that it binds as {@code setObject(x)} does.
   */
  private static boolean natural(Object x, int type) {
    return switch (type) {
      case java.sql.Types.INTEGER -> x instanceof Integer;
      case java.sql.Types.BIGINT -> x instanceof Long;
      case java.sql.Types.SMALLINT -> x instanceof Short;
      case java.sql.Types.TINYINT -> x instanceof Byte;
      case java.sql.Types.BOOLEAN, java.sql.Types.BIT -> x instanceof Boolean;
      case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> x instanceof java.math.BigDecimal;
      case java.sql.Types.DOUBLE, java.sql.Types.FLOAT -> x instanceof Double;
      case java.sql.Types.REAL -> x instanceof Float;
      case java.sql.Types.VARCHAR, java.sql.Types.CHAR, java.sql.Types.LONGVARCHAR, java.sql.Types.NVARCHAR,
          java.sql.Types.NCHAR -> x instanceof String;
      default -> false;
    };
  }

  @Override
  public void setObject(int p, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    Object v = JavaTimeValues.toJdbc(x);
    if (JavaTimeValues.byClass(v, targetSqlType)) {
      setObject(p, v);
      return;
    }
    delegate.setObject(p, v, targetSqlType, scaleOrLength);
    converted(p, site -> site.setObject(v, targetSqlType, scaleOrLength));
  }

  @Override
  public void setArray(int p, java.sql.Array x) throws SQLException {
    delegate.setArray(p, x);
    converted(p, site -> site.setArray(x));
  }

  @Override
  public void setRowId(int p, java.sql.RowId x) throws SQLException {
    delegate.setRowId(p, x);
    converted(p, site -> site.setRowId(x));
  }

  @Override
  public void setNClob(int p, java.sql.NClob x) throws SQLException {
    delegate.setNClob(p, x);
    converted(p, site -> site.setNClob(x));
  }

  @Override
  public void setSQLXML(int p, java.sql.SQLXML x) throws SQLException {
    delegate.setSQLXML(p, x);
    converted(p, site -> site.setSQLXML(x));
  }

  // The remaining setters (streams, readers, Blob, Clob, Ref, URL) leave Avatica's value as it was, so
  // forwarding them keeps the batch right too.

  @Override
  public void clearParameters() throws SQLException {
    delegate.clearParameters();
    batch.clearCurrent();
    java.util.Arrays.fill(replay, REPLAY_NONE);
    java.util.Arrays.fill(originals, null);
    java.util.Arrays.fill(calendars, null);
  }

  @Override
  public void addBatch() throws SQLException {
    if (raw.isClosed()) {
      delegate.addBatch();
      return;
    }
    for (int p = 0; p < params; p++) {
      if (batch.currentTag(p) == ParameterColumns.UNSET) { // Avatica's batch would bind it as NULL, silently
        throw SqlState.PARAMETER_NOT_SET.exception("parameter " + (p + 1) + " has no value in batch row "
            + (batch.rows() + 1) + ": set every parameter before addBatch (setNull for NULL); values stay set"
            + " until clearParameters");
      }
    }
    batch.addRow();
  }

  @Override
  public void clearBatch() throws SQLException {
    delegate.clearBatch();
    batch.clearRows();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return AvaticaUtils.toSaturatedInts(executeLargeBatch());
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    if (raw.isClosed() || batch.rows() == 0) {
      return delegate.executeLargeBatch();
    }
    int mark = OpenScans.mark();
    try {
      long[] counts = meta.executeBatch(raw.handle, batch).updateCounts;
      OpenScans.forget(mark);
      return counts;
    } catch (Exception e) { // as AvaticaConnection.executeBatchUpdateInternal, then Floe's translation
      OpenScans.closeSince(mark);
      throw ErrorTranslator.translate(AvaticaConnection.HELPER.createException(e.getMessage(), e));
    } finally {
      batch.clearRows();
    }
  }

  /** Gives the wrapped statement the values the common setters recorded (once: it keeps them). */
  private void sync() throws SQLException {
    for (int i = 0; i < params; i++) {
      byte how = replay[i];
      if (how == REPLAY_NONE) {
        continue;
      }
      int p = i + 1;
      byte t = batch.currentTag(i);
      long v = batch.currentPrim(i);
      if (how == REPLAY_NULL) {
        delegate.setNull(p, nullTypes[i]);
      } else if (how == REPLAY_OBJECT) {
        delegate.setObject(p, JavaTimeValues.toJdbc(originals[i]));
      } else if (how == REPLAY_CALENDAR) {
        if (originals[i] instanceof Timestamp ts) {
          delegate.setTimestamp(p, ts, calendars[i]);
        } else {
          delegate.setDate(p, (java.sql.Date) originals[i], calendars[i]);
        }
      } else if (how == REPLAY_NSTRING) {
        delegate.setNString(p, (String) originals[i]);
      } else {
        switch (t) {
          case ParameterColumns.BOOLEAN -> delegate.setBoolean(p, v != 0);
          case ParameterColumns.BYTE -> delegate.setByte(p, (byte) v);
          case ParameterColumns.SHORT -> delegate.setShort(p, (short) v);
          case ParameterColumns.INT -> delegate.setInt(p, (int) v);
          case ParameterColumns.LONG -> delegate.setLong(p, v);
          case ParameterColumns.FLOAT -> delegate.setFloat(p, Float.intBitsToFloat((int) v));
          case ParameterColumns.DOUBLE -> delegate.setDouble(p, Double.longBitsToDouble(v));
          case ParameterColumns.STRING -> delegate.setString(p, (String) originals[i]);
          case ParameterColumns.TIMESTAMP -> delegate.setTimestamp(p, (Timestamp) originals[i]);
          case ParameterColumns.DATE -> delegate.setDate(p, (java.sql.Date) originals[i]);
          case ParameterColumns.DECIMAL -> delegate.setBigDecimal(p, (java.math.BigDecimal) originals[i]);
          default -> delegate.setString(p, null); // NULL from setString(p, null) or setTimestamp(p, null)
        }
      }
      replay[i] = REPLAY_NONE;
    }
  }

  @Override
  public boolean execute() throws SQLException {
    sync();
    return delegate.execute();
  }

  @Override
  public int executeUpdate() throws SQLException {
    sync();
    return delegate.executeUpdate();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    sync();
    return delegate.executeLargeUpdate();
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    sync();
    return delegate.executeQuery();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) && !iface.isInstance(raw) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
