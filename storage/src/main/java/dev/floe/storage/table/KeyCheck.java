package dev.floe.storage.table;

import dev.floe.storage.Column;
import dev.floe.storage.Index;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.Versioned;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import dev.floe.storage.segment.SegmentFooter;
import dev.floe.storage.segment.SegmentReader;
import dev.floe.storage.segment.SegmentScan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Enforces a table's PRIMARY KEY and UNIQUE indexes for one commit that adds rows (RFC 0006), as
 * part of its pure {@code apply(base)}: on the first base, the keys of the rows the statement adds
 * must be distinct among themselves and absent from every live row of the base that the statement
 * does not itself delete; on every later base (a rebase after a lost race), absent from the rows
 * of the segments that landed since. A key holding a NULL is distinct from every other (SQL's
 * UNIQUE), so it is never looked up.
 *
 * <p>Cost: the statement's own segments are read back (key columns only, usually from the chunk
 * cache); committed segments are read only where the stats of their manifest and their own
 * footer may hold one of the keys (a point predicate, {@code IN} of up to {@value #IN_LIMIT}
 * values per column, else the range of the added values), and then only their key columns. Each
 * committed segment is read at most once per statement; a rebase reads only segments it has not
 * checked. A violation throws {@link ErrorCode#UNIQUE_VIOLATION} (23505) naming the constraint
 * and the key, and the commit writes nothing.
 */
final class KeyCheck {
  /** Past this many distinct values of a key column, the lookup is by range instead of IN. */
  static final int IN_LIMIT = 64;

  /** One enforced key: its constraint name, how messages show it, and its columns. */
  private record Key(String name, String shown, List<Column> columns) {}

  private final Table table;
  private final List<SegmentEntry> added;
  private final Set<String> removedKeys = new HashSet<>();
  private final Map<String, int[]> deletes;
  private Schema schema;
  private List<Key> keys = List.of();
  private final Map<Key, Set<List<Object>>> mine = new LinkedHashMap<>();
  private final Set<String> checked = new HashSet<>();

  private KeyCheck(Table table, List<SegmentEntry> added, Set<String> removed, Map<String, int[]> deletes) {
    this.table = table;
    this.added = added;
    removed.forEach(identity -> removedKeys.add(identity.replaceFirst("#.*", "")));
    this.deletes = deletes;
  }

  /**
   * {@code change} followed by the key check of a statement adding {@code added} and removing the
   * segments {@code removed} (identities) and the rows {@code deletes} (positions by segment key):
   * a base the change refuses (a concurrent commit replaced a segment it deletes from, whose
   * replacement still holds the key) fails as that conflict, not as a duplicate key. COMPACT only
   * moves rows, so it is not checked.
   */
  static Function<Versioned<CommitRecord>, Changes.Change> around(Table table, Operation op, List<SegmentEntry> added,
      Set<String> removed, Map<String, int[]> deletes, Function<Versioned<CommitRecord>, Changes.Change> change) {
    if (added.isEmpty() || op == Operation.COMPACT) {
      return change;
    }
    KeyCheck check = new KeyCheck(table, added, removed, deletes);
    return base -> {
      Changes.Change next = change.apply(base); // first: a conflict (40001) the retry resolves wins over a key
      check.check(base);
      return next;
    };
  }

  /** The keys a schema enforces: the primary key ({@code <table>_pkey}), then each UNIQUE index. */
  private List<Key> keysOf(Schema s) {
    List<Key> out = new ArrayList<>();
    if (!s.primaryKey().isEmpty()) {
      out.add(new Key(table.name() + "_pkey", "PRIMARY KEY " + table.name() + "_pkey (" + String.join(", ",
          s.primaryKey()) + ")", columns(s, s.primaryKey())));
    }
    for (Index i : s.indexes()) {
      if (i.unique()) {
        out.add(new Key(i.name(), "UNIQUE " + i.name() + " (" + String.join(", ", i.columns()) + ")",
            columns(s, i.columns())));
      }
    }
    return out;
  }

  private static List<Column> columns(Schema s, List<String> names) {
    return names.stream().map(n -> s.byName(n).orElseThrow()).toList();
  }

  /** Checks the statement's keys against {@code base}; see the class comment. */
  void check(Versioned<CommitRecord> base) {
    Schema s = base.record().schema();
    if (!s.equals(schema)) { // the first base, or the keys changed: start over
      schema = s;
      keys = keysOf(s);
      mine.clear();
      checked.clear();
      if (!keys.isEmpty()) {
        readMine();
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    Map<Key, Predicate> lookups = new LinkedHashMap<>();
    for (Key k : keys) {
      if (!mine.get(k).isEmpty()) {
        lookups.put(k, lookup(k, mine.get(k)));
      }
    }
    if (lookups.isEmpty()) {
      return;
    }
    Predicate any = new Predicate.Or(List.copyOf(lookups.values()));
    for (ManifestRef ref : base.record().manifests()) {
      if (ref.statsUnsafe() != null && !any.mayMatch(ParsedFooters.of(ref.statsUnsafe(), table.layout(), ref.key()))) {
        continue;
      }
      for (SegmentEntry e : table.manifests().load(ref).segments()) {
        if (removedKeys.contains(e.key()) || !checked.add(e.key())) {
          continue;
        }
        SegmentFooter footer = ParsedFooters.of(e.footerUnsafe(), table.layout(), e.key());
        int[] gone = Deletions.union(e.deletedUnsafe(), deletes.getOrDefault(e.key(), Deletions.NONE));
        for (Map.Entry<Key, Predicate> l : lookups.entrySet()) {
          if (l.getValue().mayMatch(footer)) {
            scan(e, footer, l.getKey().columns(), l.getValue(), gone, (root, row) -> {
              List<Object> tuple = KeyValues.tuple(root, row);
              if (mine.get(l.getKey()).contains(tuple)) {
                throw violation(l.getKey(), tuple, "a committed row (version " + base.version() + ") has it");
              }
            });
          }
        }
      }
    }
  }

  /**
   * Throws {@link ErrorCode#UNIQUE_VIOLATION} if two live rows of {@code base} share a non-NULL key
   * of the unique {@code index} of {@code schema} (adding a unique index to a table with rows):
   * reads the key columns of every segment.
   */
  static void requireDistinct(Table table, Versioned<CommitRecord> base, Schema schema, Index index) {
    KeyCheck check = new KeyCheck(table, List.of(), Set.of(), Map.of());
    Key k = new Key(index.name(), "UNIQUE " + index.name() + " (" + String.join(", ", index.columns()) + ")",
        columns(schema, index.columns()));
    Set<List<Object>> seen = new HashSet<>();
    List<Integer> all = new ArrayList<>();
    for (int j = 0; j < k.columns().size(); j++) {
      all.add(j);
    }
    for (ManifestRef ref : base.record().manifests()) {
      for (SegmentEntry e : table.manifests().load(ref).segments()) {
        SegmentFooter footer = ParsedFooters.of(e.footerUnsafe(), table.layout(), e.key());
        check.scan(e, footer, k.columns(), Predicate.TRUE, e.deletedUnsafe(), (root, row) -> {
          List<Object> tuple = KeyValues.tuple(root, row, all);
          if (tuple != null && !seen.add(tuple)) {
            throw check.violation(k, tuple, "two rows (version " + base.version() + ") have it; the index was"
                + " not created");
          }
        });
      }
    }
  }

  /** Reads the keys of the statement's rows; throws if two of them are equal. */
  private void readMine() {
    for (Key k : keys) {
      mine.put(k, new HashSet<>());
    }
    List<Column> all = new ArrayList<>();
    keys.forEach(k -> k.columns().stream().filter(c -> !all.contains(c)).forEach(all::add));
    for (SegmentEntry e : added) {
      SegmentFooter footer = ParsedFooters.of(e.footerUnsafe(), table.layout(), e.key());
      scan(e, footer, all, Predicate.TRUE, e.deletedUnsafe(), (root, row) -> {
        for (Key k : keys) {
          List<Object> tuple = KeyValues.tuple(root, row, k.columns().stream().map(all::indexOf).toList());
          if (tuple != null && !mine.get(k).add(tuple)) {
            throw violation(k, tuple, "the statement writes it twice");
          }
        }
      });
    }
  }

  /** Whether a row may hold one of {@code tuples}: per column, IN of its values, or their range. */
  private static Predicate lookup(Key k, Set<List<Object>> tuples) {
    List<Predicate> per = new ArrayList<>();
    for (int j = 0; j < k.columns().size(); j++) {
      Set<Object> values = new HashSet<>();
      for (List<Object> t : tuples) {
        values.add(KeyValues.literal(t.get(j)));
      }
      int id = k.columns().get(j).id();
      if (values.size() <= IN_LIMIT) {
        per.add(values.size() == 1 ? new Predicate.Compare(id, Predicate.Op.EQ, values.iterator().next())
            : new Predicate.In(id, List.copyOf(values)));
      } else {
        per.add(new Predicate.Between(id, KeyValues.min(values), KeyValues.max(values)));
      }
    }
    return per.size() == 1 ? per.get(0) : new Predicate.And(per);
  }

  private interface RowVisitor {
    void visit(VectorSchemaRoot root, int row);
  }

  /** Visits the rows of segment {@code e} that {@code where} selects and {@code gone} does not delete. */
  private void scan(SegmentEntry e, SegmentFooter footer, List<Column> columns, Predicate where, int[] gone,
      RowVisitor visitor) {
    String key = table.layout().abs(e.key());
    try (SegmentScan scan = SegmentReader.scan(table.env().store(), key, footer, columns, where, table.allocator(),
        SegmentReader.DEFAULT_BATCH_SIZE, table.env().chunks()).excluding(gone)) {
      while (scan.hasNext()) {
        try (SegmentBatch batch = scan.next()) {
          VectorSchemaRoot root = batch.root();
          int[] sel = batch.selection();
          int n = sel == null ? root.getRowCount() : sel.length;
          for (int i = 0; i < n; i++) {
            visitor.visit(root, sel == null ? i : sel[i]);
          }
        }
      }
    } catch (ObjectNotFoundException ex) {
      throw StoreErrors.missing(key, table.env().location(), "segment", ex);
    } catch (StoreException ex) {
      throw StoreErrors.wrap(ex);
    }
  }

  private FloeException violation(Key k, List<Object> tuple, String why) {
    Map<String, Object> shown = new LinkedHashMap<>();
    for (int j = 0; j < tuple.size(); j++) {
      shown.put(k.columns().get(j).name(), KeyValues.shown(tuple.get(j)));
    }
    return new FloeException(ErrorCode.UNIQUE_VIOLATION, null, "duplicate key " + shown + " violates "
        + k.shown() + " of table '" + table.name() + "': " + why + "; nothing was written; use another key, or"
        + " change the existing row instead", null);
  }
}
