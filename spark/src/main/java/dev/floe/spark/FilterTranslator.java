package dev.floe.spark;

import dev.floe.storage.Column;
import dev.floe.storage.Schema;
import dev.floe.storage.segment.Predicate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringStartsWith;

/**
 * Spark's data source filters as Floe predicates, exactly or not at all: a filter is translated
 * only when the predicate selects exactly the rows Spark's filter keeps (comparisons, IN, IS [NOT]
 * NULL, LIKE 'prefix%', and AND/OR/NOT of those), with literals turned into the column's physical
 * domain (dates as days, timestamps as micros, TIME as micros of the day). Both sides use SQL's
 * three-valued logic, order strings by UTF-8 bytes, and order NaN above every other double, so the
 * translation keeps Spark's answer; Spark still evaluates every filter after the scan (see {@link
 * FloeScanBuilder}), so Floe's pushdown only ever saves work.
 */
final class FilterTranslator {
  private final Schema schema;

  FilterTranslator(Schema schema) {
    this.schema = schema;
  }

  /** The Floe predicate of {@code f}, or empty when it has none. */
  Optional<Predicate> translate(Filter f) {
    return Optional.ofNullable(tr(f));
  }

  /** The conjunction of the filters that translate ({@link Predicate#TRUE} if none does). */
  Predicate conjunction(Filter[] filters) {
    List<Predicate> ps = new ArrayList<>();
    for (Filter f : filters) {
      translate(f).ifPresent(ps::add);
    }
    return ps.isEmpty() ? Predicate.TRUE : ps.size() == 1 ? ps.get(0) : new Predicate.And(ps);
  }

  private Predicate tr(Filter f) {
    if (f instanceof And a) {
      Predicate l = tr(a.left());
      Predicate r = tr(a.right());
      return l == null || r == null ? null : new Predicate.And(List.of(l, r));
    } else if (f instanceof Or o) {
      Predicate l = tr(o.left());
      Predicate r = tr(o.right());
      return l == null || r == null ? null : new Predicate.Or(List.of(l, r));
    } else if (f instanceof Not n) {
      Predicate p = tr(n.child());
      return p == null ? null : new Predicate.Not(p);
    } else if (f instanceof IsNull x) {
      Column c = column(x.attribute());
      return c == null ? null : new Predicate.IsNull(c.id());
    } else if (f instanceof IsNotNull x) {
      Column c = column(x.attribute());
      return c == null ? null : new Predicate.IsNotNull(c.id());
    } else if (f instanceof EqualTo x) {
      return compare(x.attribute(), Predicate.Op.EQ, x.value());
    } else if (f instanceof GreaterThan x) {
      return compare(x.attribute(), Predicate.Op.GT, x.value());
    } else if (f instanceof GreaterThanOrEqual x) {
      return compare(x.attribute(), Predicate.Op.GE, x.value());
    } else if (f instanceof LessThan x) {
      return compare(x.attribute(), Predicate.Op.LT, x.value());
    } else if (f instanceof LessThanOrEqual x) {
      return compare(x.attribute(), Predicate.Op.LE, x.value());
    } else if (f instanceof In x) {
      Column c = column(x.attribute());
      if (c == null) {
        return null;
      }
      List<Object> values = new ArrayList<>();
      for (Object v : x.values()) {
        Object p = v == null ? null : physical(c, v);
        if (v != null && p == null) {
          return null;
        }
        values.add(p);
      }
      return new Predicate.In(c.id(), values);
    } else if (f instanceof StringStartsWith x) {
      Column c = column(x.attribute());
      return c == null || c.type().kind() != dev.floe.storage.ColumnType.Kind.VARCHAR ? null
          : new Predicate.StartsWith(c.id(), x.value());
    }
    return null;
  }

  private Predicate compare(String attribute, Predicate.Op op, Object value) {
    Column c = column(attribute);
    if (c == null || value == null) {
      return null; // Spark folds comparisons with NULL before pushing; nothing to gain here
    }
    Object p = physical(c, value);
    return p == null ? null : new Predicate.Compare(c.id(), op, p);
  }

  private Column column(String attribute) {
    return schema.byName(attribute).orElse(null);
  }

  /** {@code v} in {@code c}'s physical domain, or null when it is not a value of the column's type. */
  static Object physical(Column c, Object v) {
    switch (c.type().kind()) {
      case BOOLEAN:
        return v instanceof Boolean ? v : null;
      case TINYINT: case SMALLINT: case INTEGER: case BIGINT:
        return v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long
            ? ((Number) v).longValue() : null;
      case REAL: case DOUBLE:
        return v instanceof Float || v instanceof Double ? ((Number) v).doubleValue() : null;
      case DECIMAL:
        return v instanceof BigDecimal ? v : null;
      case VARCHAR:
        return v instanceof String ? v : null;
      case VARBINARY:
        return v instanceof byte[] ? v : null;
      case DATE:
        if (v instanceof LocalDate d) {
          return d.toEpochDay();
        }
        return v instanceof java.sql.Date d ? d.toLocalDate().toEpochDay() : null;
      case TIME:
        return v instanceof LocalTime t && t.getNano() % 1000 == 0 ? t.toNanoOfDay() / 1000 : null;
      case TIMESTAMP:
        return v instanceof LocalDateTime t ? micros(t.toInstant(ZoneOffset.UTC)) : null;
      case TIMESTAMP_LTZ:
        if (v instanceof Instant i) {
          return micros(i);
        }
        return v instanceof java.sql.Timestamp t ? micros(t.toInstant()) : null;
      default:
        return null;
    }
  }

  private static Object micros(Instant i) {
    if (i.getNano() % 1000 != 0) {
      return null; // finer than the column holds: leave it to Spark
    }
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }
}
