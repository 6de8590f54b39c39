package dev.floe.storage.segment;

import dev.floe.storage.ColumnType;
import java.util.Arrays;

/**
 * Decides from a footer's stats alone whether a segment may hold a row for which a predicate is
 * true. For every (sub)predicate it computes two conservative facts: "some row may make it true"
 * and "some row may make it false" (NULL rows make a comparison neither). AND, OR and NOT combine
 * them so that a predicate is reported impossible only when the stats prove no row can satisfy it.
 */
final class StatsPruner {
  private static final int MAY_TRUE = 1;
  private static final int MAY_FALSE = 2;

  private StatsPruner() {}

  static boolean mayMatch(Predicate p, SegmentFooter footer) {
    if (footer.rowCount() == 0) {
      return false;
    }
    Bound b = Bound.bind(p, id -> footer.chunk(id).map(ColumnChunk::type).orElse(null));
    return (eval(b, footer) & MAY_TRUE) != 0;
  }

  /**
   * Whether the stats prove that the predicate is TRUE (not FALSE, not UNKNOWN) for every row of
   * the segment. Conservative: false whenever a NULL could make a comparison UNKNOWN, for NOT, for
   * prefixes, and for comparisons of REAL and DOUBLE columns (whose NaN and signed zeros the stats
   * order differently from SQL).
   */
  static boolean allMatch(Predicate p, SegmentFooter footer) {
    if (footer.rowCount() == 0) {
      return false;
    }
    Bound b = Bound.bind(p, id -> footer.chunk(id).map(ColumnChunk::type).orElse(null));
    return allMatch(b, footer);
  }

  private static boolean allMatch(Bound b, SegmentFooter f) {
    if (b instanceof Bound.Const c) {
      return c.truth() == Bound.TRUE;
    } else if (b instanceof Bound.All a) {
      return a.operands().stream().allMatch(o -> allMatch(o, f));
    } else if (b instanceof Bound.Any a) {
      return a.operands().stream().anyMatch(o -> allMatch(o, f));
    } else if (b instanceof Bound.NullTest t) {
      long nulls = f.stats(t.columnId()).nullCount();
      return t.wantNull() ? nulls == f.rowCount() : nulls == 0;
    } else if (b instanceof Bound.Cmp || b instanceof Bound.InSet) {
      int id = b instanceof Bound.Cmp c ? c.columnId() : ((Bound.InSet) b).columnId();
      if (b instanceof Bound.InSet in && in.hasNull()) {
        return false;
      }
      ColumnChunk chunk = f.chunk(id).orElse(null);
      if (chunk == null || chunk.stats().nullCount() != 0) {
        return false;
      }
      ColumnType.Kind kind = chunk.type().kind();
      if (kind == ColumnType.Kind.REAL || kind == ColumnType.Kind.DOUBLE) {
        return false;
      }
      return (leaf(b, f) & MAY_FALSE) == 0; // no NULL: every row is TRUE or FALSE, and none FALSE
    }
    return false;
  }

  static int eval(Bound b, SegmentFooter f) {
    if (b instanceof Bound.Const c) {
      return c.truth() == Bound.TRUE ? MAY_TRUE : c.truth() == Bound.FALSE ? MAY_FALSE : 0;
    } else if (b instanceof Bound.All a) {
      int r = MAY_TRUE;
      for (Bound o : a.operands()) {
        int x = eval(o, f);
        r = (r & x & MAY_TRUE) | ((r | x) & MAY_FALSE);
      }
      return r;
    } else if (b instanceof Bound.Any a) {
      int r = MAY_FALSE;
      for (Bound o : a.operands()) {
        int x = eval(o, f);
        r = ((r | x) & MAY_TRUE) | (r & x & MAY_FALSE);
      }
      return r;
    } else if (b instanceof Bound.Negate n) {
      int x = eval(n.operand(), f);
      return ((x & MAY_TRUE) != 0 ? MAY_FALSE : 0) | ((x & MAY_FALSE) != 0 ? MAY_TRUE : 0);
    } else if (b instanceof Bound.NullTest t) {
      ColumnStats s = f.stats(t.columnId());
      boolean someNull = s.nullCount() > 0;
      boolean someValue = s.nullCount() < f.rowCount();
      boolean mayTrue = t.wantNull() ? someNull : someValue;
      boolean mayFalse = t.wantNull() ? someValue : someNull;
      return (mayTrue ? MAY_TRUE : 0) | (mayFalse ? MAY_FALSE : 0);
    }
    return leaf(b, f);
  }

  private static int leaf(Bound b, SegmentFooter f) {
    int id = b instanceof Bound.Cmp c ? c.columnId() : b instanceof Bound.InSet i ? i.columnId() : ((Bound.Prefix) b).columnId();
    ColumnChunk chunk = f.chunk(id).orElseThrow();
    ColumnStats s = chunk.stats();
    if (s.nullCount() >= f.rowCount()) {
      return 0;
    }
    ColumnType type = chunk.type();
    Range r = new Range(
        s.min() == null ? null : Keys.ofStat(type, s.min()),
        s.max() == null ? null : Keys.ofStat(type, s.max()),
        s.minExact() && s.maxExact() && s.min() != null && s.max() != null);
    boolean mayTrue;
    boolean mayFalse;
    if (b instanceof Bound.Cmp c) {
      Object k = c.key();
      switch (c.op()) {
        case EQ -> {
          mayTrue = r.lbLe(k) && r.ubGe(k);
          mayFalse = !r.single(k);
        }
        case NE -> {
          mayTrue = !r.single(k);
          mayFalse = r.lbLe(k) && r.ubGe(k);
        }
        case LT -> {
          mayTrue = r.lbLt(k);
          mayFalse = r.ubGe(k);
        }
        case LE -> {
          mayTrue = r.lbLe(k);
          mayFalse = r.ubGt(k);
        }
        case GT -> {
          mayTrue = r.ubGt(k);
          mayFalse = r.lbLe(k);
        }
        case GE -> {
          mayTrue = r.ubGe(k);
          mayFalse = r.lbLt(k);
        }
        case ALWAYS -> {
          mayTrue = true;
          mayFalse = false;
        }
        default -> {
          mayTrue = false;
          mayFalse = true;
        }
      }
    } else if (b instanceof Bound.InSet in) {
      mayTrue = false;
      for (Object k : in.keys()) {
        if (r.lbLe(k) && r.ubGe(k)) {
          mayTrue = true;
          break;
        }
      }
      boolean allMatch = r.exact && Keys.compare(r.lb, r.ub) == 0
          && Arrays.stream(in.keys()).anyMatch(k -> Keys.compare(k, r.lb) == 0);
      mayFalse = !in.hasNull() && !allMatch;
    } else {
      byte[] p = ((Bound.Prefix) b).prefix();
      byte[] next = StringBounds.incrementBytes(p);
      mayTrue = r.ubGe(p) && (next == null || r.lbLt(next));
      mayFalse = true;
    }
    return (mayTrue ? MAY_TRUE : 0) | (mayFalse ? MAY_FALSE : 0);
  }

  /** Bounds of the non-null values: a null lb is -infinity, a null ub +infinity. */
  private record Range(Object lb, Object ub, boolean exact) {
    boolean lbLt(Object k) {
      return lb == null || Keys.compare(lb, k) < 0;
    }

    boolean lbLe(Object k) {
      return lb == null || Keys.compare(lb, k) <= 0;
    }

    boolean ubGt(Object k) {
      return ub == null || Keys.compare(ub, k) > 0;
    }

    boolean ubGe(Object k) {
      return ub == null || Keys.compare(ub, k) >= 0;
    }

    /** Whether every non-null value certainly equals k. */
    boolean single(Object k) {
      return exact && Keys.compare(lb, k) == 0 && Keys.compare(ub, k) == 0;
    }
  }
}
