package dev.floe.storage.segment;

import dev.floe.storage.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A {@link Predicate} bound to column types: literals turned into comparison {@link Keys}, BETWEEN
 * and inexact literals rewritten, leaves over absent columns folded to constants. What the stats
 * pruner and the batch filter evaluate.
 */
sealed interface Bound {
  int TRUE = 1;
  int FALSE = 0;
  int UNKNOWN = -1;

  /** The same three-valued truth for every row. */
  record Const(int truth) implements Bound {}

  /** {@code column op key}; ALWAYS and NEVER ignore the key (true/false for every non-null row). */
  record Cmp(int columnId, ColumnType type, CmpOp op, Object key) implements Bound {}

  /** Membership in sorted keys ({@code longKeys} too when the type is long-keyed). */
  record InSet(int columnId, ColumnType type, Object[] keys, long[] longKeys, boolean hasNull) implements Bound {}

  /** VARCHAR starts with the UTF-8 bytes of a prefix. */
  record Prefix(int columnId, byte[] prefix) implements Bound {}

  /** IS NULL ({@code wantNull}) or IS NOT NULL. */
  record NullTest(int columnId, boolean wantNull) implements Bound {}

  record All(List<Bound> operands) implements Bound {}

  record Any(List<Bound> operands) implements Bound {}

  record Negate(Bound operand) implements Bound {}

  /** Comparison of a row value with a key, by the sign of {@code compare(value, key)}. */
  enum CmpOp {
    EQ, NE, LT, LE, GT, GE, ALWAYS, NEVER;

    boolean test(int sign) {
      return switch (this) {
        case EQ -> sign == 0;
        case NE -> sign != 0;
        case LT -> sign < 0;
        case LE -> sign <= 0;
        case GT -> sign > 0;
        case GE -> sign >= 0;
        case ALWAYS -> true;
        case NEVER -> false;
      };
    }

    static CmpOp of(Predicate.Op op) {
      return valueOf(op.name());
    }
  }

  BigInteger MIN_128 = BigInteger.ONE.shiftLeft(127).negate();
  BigInteger MAX_128 = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
  BigInteger MIN_64 = BigInteger.valueOf(Long.MIN_VALUE);
  BigInteger MAX_64 = BigInteger.valueOf(Long.MAX_VALUE);

  static int columnIdOf(Predicate p) {
    if (p instanceof Predicate.Compare c) {
      return c.columnId();
    } else if (p instanceof Predicate.Between b) {
      return b.columnId();
    } else if (p instanceof Predicate.In i) {
      return i.columnId();
    } else if (p instanceof Predicate.IsNull n) {
      return n.columnId();
    } else if (p instanceof Predicate.IsNotNull n) {
      return n.columnId();
    } else if (p instanceof Predicate.StartsWith s) {
      return s.columnId();
    }
    throw new IllegalArgumentException(p + " is not a leaf");
  }

  /**
   * Binds {@code p}; {@code typeOf} gives the stored type of a column id, or null when the segment
   * does not hold the column (it is NULL in every row).
   */
  static Bound bind(Predicate p, IntFunction<ColumnType> typeOf) {
    if (p instanceof Predicate.Constant c) {
      return new Const(c.value() ? TRUE : FALSE);
    } else if (p instanceof Predicate.And a) {
      List<Bound> ops = new ArrayList<>();
      a.operands().forEach(o -> ops.add(bind(o, typeOf)));
      return new All(ops);
    } else if (p instanceof Predicate.Or o) {
      List<Bound> ops = new ArrayList<>();
      o.operands().forEach(x -> ops.add(bind(x, typeOf)));
      return new Any(ops);
    } else if (p instanceof Predicate.Not n) {
      return new Negate(bind(n.operand(), typeOf));
    }
    int id = columnIdOf(p);
    ColumnType type = typeOf.apply(id);
    if (p instanceof Predicate.IsNull) {
      return type == null ? new Const(TRUE) : new NullTest(id, true);
    } else if (p instanceof Predicate.IsNotNull) {
      return type == null ? new Const(FALSE) : new NullTest(id, false);
    } else if (type == null) {
      return new Const(UNKNOWN);
    } else if (p instanceof Predicate.Compare c) {
      return compare(id, type, CmpOp.of(c.op()), c.value());
    } else if (p instanceof Predicate.Between b) {
      return new All(List.of(compare(id, type, CmpOp.GE, b.low()), compare(id, type, CmpOp.LE, b.high())));
    } else if (p instanceof Predicate.In in) {
      return in(id, type, in.values());
    } else {
      Predicate.StartsWith s = (Predicate.StartsWith) p;
      if (type.kind() != ColumnType.Kind.VARCHAR) {
        throw new IllegalArgumentException("LIKE 'prefix%' needs a VARCHAR column; column id " + id + " is " + type);
      }
      return s.prefix() == null ? new Const(UNKNOWN) : new Prefix(id, s.prefix().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Bound compare(int id, ColumnType type, CmpOp op, Object literal) {
    if (literal == null) {
      return new Const(UNKNOWN);
    }
    Object key;
    switch (type.kind()) {
      case BOOLEAN:
        if (!(literal instanceof Boolean b)) {
          throw mismatch(id, type, literal);
        }
        key = b ? 1L : 0L;
        break;
      case REAL:
      case DOUBLE:
        if (!(literal instanceof Number n)) {
          throw mismatch(id, type, literal);
        }
        key = Keys.ofDouble(n.doubleValue());
        break;
      case VARCHAR:
        if (!(literal instanceof String s)) {
          throw mismatch(id, type, literal);
        }
        key = s.getBytes(StandardCharsets.UTF_8);
        break;
      case VARBINARY:
        if (!(literal instanceof byte[] bytes)) {
          throw mismatch(id, type, literal);
        }
        key = bytes.clone();
        break;
      case DECIMAL:
        return exact(id, type, op, literal, type.scale(), MIN_128, MAX_128);
      default:
        if (literal instanceof Long || literal instanceof Integer || literal instanceof Short || literal instanceof Byte) {
          key = ((Number) literal).longValue();
          break;
        }
        return exact(id, type, op, literal, 0, MIN_64, MAX_64);
    }
    return new Cmp(id, type, op, key);
  }

  /** Compares an integer-like or DECIMAL column with a literal it may not hold exactly. */
  private static Bound exact(int id, ColumnType type, CmpOp op, Object literal, int scale, BigInteger min, BigInteger max) {
    BigDecimal lit;
    if (literal instanceof BigDecimal d) {
      lit = d;
    } else if (literal instanceof BigInteger i) {
      lit = new BigDecimal(i);
    } else if (literal instanceof Long || literal instanceof Integer || literal instanceof Short || literal instanceof Byte) {
      lit = BigDecimal.valueOf(((Number) literal).longValue());
    } else if (literal instanceof Double || literal instanceof Float) {
      double d = ((Number) literal).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        // NaN and +Infinity lie above every number, -Infinity below.
        int sign = d == Double.NEGATIVE_INFINITY ? 1 : -1;
        return new Cmp(id, type, op.test(sign) ? CmpOp.ALWAYS : CmpOp.NEVER, null);
      }
      lit = new BigDecimal(d);
    } else {
      throw mismatch(id, type, literal);
    }
    BigDecimal floor = lit.setScale(scale, RoundingMode.FLOOR);
    CmpOp o = op;
    if (floor.compareTo(lit) != 0) {
      // floor < lit < floor + 1 unit: no stored value equals lit.
      o = switch (op) {
        case EQ -> CmpOp.NEVER;
        case NE -> CmpOp.ALWAYS;
        case LT, LE -> CmpOp.LE;
        case GT, GE -> CmpOp.GT;
        default -> op;
      };
    }
    BigInteger k = floor.unscaledValue();
    if (k.compareTo(max) > 0 || k.compareTo(min) < 0) {
      int sign = k.compareTo(max) > 0 ? -1 : 1;
      return new Cmp(id, type, o.test(sign) ? CmpOp.ALWAYS : CmpOp.NEVER, null);
    }
    return new Cmp(id, type, o, type.kind() == ColumnType.Kind.DECIMAL ? k : (Object) k.longValueExact());
  }

  private static Bound in(int id, ColumnType type, List<Object> values) {
    boolean hasNull = false;
    List<Object> keys = new ArrayList<>();
    for (Object v : values) {
      if (v == null) {
        hasNull = true;
        continue;
      }
      Bound b = compare(id, type, CmpOp.EQ, v);
      if (b instanceof Cmp c && c.op() == CmpOp.EQ) {
        keys.add(c.key());
      }
    }
    Object[] sorted = keys.toArray();
    Arrays.sort(sorted, Keys::compare);
    long[] longKeys = null;
    if (Keys.isLongKeyed(type)) {
      longKeys = new long[sorted.length];
      for (int i = 0; i < sorted.length; i++) {
        longKeys[i] = (Long) sorted[i];
      }
    }
    return new InSet(id, type, sorted, longKeys, hasNull);
  }

  private static IllegalArgumentException mismatch(int id, ColumnType type, Object literal) {
    return new IllegalArgumentException("literal " + literal + " (" + literal.getClass().getSimpleName()
        + ") cannot be compared with column id " + id + " of type " + type
        + "; pass the value in the column's physical domain (see Predicate)");
  }
}
