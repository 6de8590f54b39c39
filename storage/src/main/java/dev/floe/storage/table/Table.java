package dev.floe.storage.table;

import dev.floe.storage.ColumnType;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.CommitLoop;
import dev.floe.storage.commit.CommitStateUnknownException;
import dev.floe.storage.commit.Committed;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.Hlc;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.Versioned;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A table of a {@link FloeStore}: its log of versions, and the operations that each commit one new
 * version atomically. Thread-safe; one instance may be shared by many threads.
 *
 * <p>Every write operation has exactly three outcomes: it returns a {@link CommitResult}
 * (committed); it throws {@link dev.floe.storage.commit.CommitConflictException} or another {@link
 * FloeException} (nothing changed; the objects it wrote are deleted); or it throws {@link
 * CommitStateUnknownException} (it may have committed; nothing is deleted). A write into a table
 * that was dropped meanwhile fails with {@link ErrorCode#TABLE_NOT_FOUND}.
 */
public final class Table {
  private final Env env;
  private final Catalog catalog;
  private final TableLayout layout;
  private final CommitLoop<CommitRecord> loop;
  private final Manifests manifests;
  private final Participants participants;
  private volatile Versioned<CommitRecord> known;

  Table(Env env, Catalog catalog, TableLayout layout) {
    this.env = env;
    this.catalog = catalog;
    this.layout = layout;
    this.loop = env.loop(layout);
    this.manifests = new Manifests(env, layout);
    this.participants = new Participants(this);
  }

  Participants participants() {
    return participants;
  }

  /** The newest version at or below {@code v} that counts (for a reader; see {@link Participants}). */
  TableVersion counted(long v) {
    return new TableVersion(this, participants.counted(record(v), false));
  }

  /** The table's name. */
  public String name() {
    return layout.name();
  }

  /** The catalog generation that created this table. */
  public long generation() {
    return layout.generation();
  }

  /** The table's root prefix in the store, such as {@code tables/mfrgg.00000000000000000001/}. */
  public String root() {
    return layout.root();
  }

  Env env() {
    return env;
  }

  TableLayout layout() {
    return layout;
  }

  Manifests manifests() {
    return manifests;
  }

  CommitLoop<CommitRecord> loop() {
    return loop;
  }

  /**
   * The latest version: one listing of the log after the last version this client saw (plus one
   * read if the head moved).
   *
   * @throws FloeException {@link ErrorCode#TABLE_NOT_FOUND} if the table was dropped
   */
  public TableVersion latest() {
    Versioned<CommitRecord> head = head();
    if (head.record().tombstone()) {
      throw dropped(head);
    }
    return new TableVersion(this, participants.counted(head, false));
  }

  /**
   * The newest version whose commit record passes its checks, listed without trusting the hint:
   * for the schema of a table whose latest version is damaged (so that older versions can still be
   * named by time travel). Never a substitute for {@link #latest()} when reading rows.
   *
   * @throws FloeException {@link ErrorCode#CORRUPT_OBJECT} if no record passes its checks
   */
  public TableVersion latestReadable() {
    try {
      long last = loop.log().latestAfter(-1).orElseThrow(() -> new FloeException(ErrorCode.MISSING_OBJECT,
          loop.log().key(0), "table '" + name() + "' has no commit record in " + env.location(), null));
      Versioned<CommitRecord> r = readable(last, 0);
      if (r == null) {
        throw new FloeException(ErrorCode.CORRUPT_OBJECT, loop.log().key(last), "no commit record of table '"
            + name() + "' in " + env.location() + " passes its checks; restore them from a backup, or drop"
            + " the table", null);
      }
      return new TableVersion(this, r);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  /**
   * Version {@code v}, pinned.
   *
   * @throws FloeException {@link ErrorCode#INVALID_ARGUMENT} if there is no such version
   */
  public TableVersion version(long v) {
    try {
      Versioned<CommitRecord> r = participants.counted(loop.read(v), false);
      if (r.record().tombstone()) {
        throw new FloeException(ErrorCode.TABLE_NOT_FOUND, loop.log().key(v), "version " + v + " of table '"
            + name() + "' is its tombstone: the table was dropped there", null);
      }
      return new TableVersion(this, r);
    } catch (ObjectNotFoundException e) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, e.key(), "table '" + name() + "' has no version "
          + v + "; its versions are listed by history()", e);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  /**
   * The latest version whose commit time (HLC) is at or before {@code t}.
   *
   * @throws FloeException {@link ErrorCode#TABLE_NOT_FOUND} if the table did not exist at {@code t}
   */
  public TableVersion asOf(Instant t) {
    long bound = Hlc.micros(t);
    Versioned<CommitRecord> head = head();
    // HLCs strictly increase along the log: binary search, O(log n) record reads (cached)
    long lo = 0;
    long hi = head.version();
    Versioned<CommitRecord> found = null;
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      Versioned<CommitRecord> r = mid == head.version() ? head : readable(mid, lo);
      if (r == null) {
        lo = mid + 1; // lo..mid are all damaged: none of them can be the answer
        continue;
      }
      mid = r.version();
      if (r.record().hlc() <= bound) {
        found = r;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found == null || found.record().tombstone()) {
      throw new FloeException(ErrorCode.TABLE_NOT_FOUND, null, "table '" + name() + "' did not exist at "
          + t + (found == null ? " (its first version is later)" : " (it was dropped before)")
          + "; query another time", null);
    }
    return new TableVersion(this, participants.counted(found, false));
  }

  /**
   * The readable record nearest below or at {@code v} and at or above {@code lo}, skipping damaged
   * ones (superseded by a REPAIR record, §4.12), or null if all of them are damaged.
   */
  private Versioned<CommitRecord> readable(long v, long lo) {
    for (long u = v; u >= lo; u--) {
      try {
        return loop.read(u);
      } catch (FloeException e) {
        if (e.code() != ErrorCode.CORRUPT_OBJECT) {
          throw e;
        }
      }
    }
    return null;
  }

  /**
   * Every version, oldest first, tombstone included: the head, then one read per 100 versions (the
   * log's summaries, written when missing) plus the records of the last incomplete hundred; each
   * version's record is read only when asked for ({@link TableVersion#record()}, {@code schema()},
   * {@code segments()}, a scan). See {@link #versions()}.
   */
  public List<TableVersion> history() {
    List<TableVersion> out = new ArrayList<>();
    for (VersionInfo i : versions()) {
      out.add(new TableVersion(this, i));
    }
    return out;
  }

  /**
   * What a listing shows of every version, oldest first, tombstone included: one listing for the
   * head, one read per complete block of 100 versions (its summary; written first if missing, by
   * reading its records once for every client), and the records of the versions after the last
   * complete block (at most 99). Reading the same table again hits the cache for the summaries.
   */
  public List<VersionInfo> versions() {
    try {
      Versioned<CommitRecord> h;
      try {
        h = head();
      } catch (FloeException e) {
        if (!FloeStore.damage(e)) {
          throw e;
        }
        // a damaged head: list the versions before it (damaged ones are left out)
        long last = loop.log().latestAfter(-1).orElseThrow(() -> e);
        return History.list(this, last, null, this::record);
      }
      return History.list(this, h.version(), h, this::record);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  /**
   * Version {@code v}'s record, tombstone or not.
   *
   * @throws FloeException {@link ErrorCode#MISSING_OBJECT} if it does not exist
   */
  Versioned<CommitRecord> record(long v) {
    try {
      return loop.read(v);
    } catch (ObjectNotFoundException e) {
      throw StoreErrors.missing(e.key(), env.location(), "commit record", e);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  org.apache.arrow.memory.BufferAllocator allocator() {
    return env.allocator();
  }

  /**
   * Appends the rows of {@code batch} (vector i = schema column i of the latest version, Arrow
   * types per {@code ArrowTypes}) as segments and one manifest, in one commit. Appends commute: a
   * concurrent commit only makes it rebase, never fail, unless the table was dropped.
   *
   * @throws FloeException {@link ErrorCode#TABLE_NOT_FOUND} if the table was dropped; {@link
   *     ErrorCode#INVALID_ARGUMENT} if the batch does not match the schema
   */
  public CommitResult append(org.apache.arrow.vector.VectorSchemaRoot batch) {
    return TableData.append(this, batch);
  }

  /**
   * Writes the rows of {@code batch} as staged segments ({@code staged/}), invisible until {@link
   * #commitStaged} publishes them; many writers may stage in parallel.
   *
   * @return the entries to pass to {@link #commitStaged}
   */
  public List<SegmentEntry> stage(org.apache.arrow.vector.VectorSchemaRoot batch) {
    return TableData.stage(this, batch);
  }

  /**
   * Deletes the rows for which {@code where} is true, copy-on-write: only segments holding such
   * rows are rewritten; the rest are kept by reference. Rows appended concurrently survive.
   *
   * @throws dev.floe.storage.commit.CommitConflictException (40001, not retryable) if a concurrent
   *     commit replaced a segment this statement rewrites; nothing changed
   */
  public CommitResult delete(dev.floe.storage.segment.Predicate where) {
    return TableData.rewriteMatching(this, where, null, env.allocator());
  }

  /**
   * Sets the columns named in {@code assignments} to constant values (physical domain, null for
   * NULL) in the rows for which {@code where} is true, copy-on-write like {@link #delete}.
   *
   * @throws FloeException {@link ErrorCode#COLUMN_NOT_FOUND}, {@link ErrorCode#NOT_NULL_VIOLATION},
   *     {@link ErrorCode#INVALID_ARGUMENT} for a value that does not fit its column
   */
  public CommitResult update(dev.floe.storage.segment.Predicate where, java.util.Map<String, Object> assignments) {
    return TableData.rewriteMatching(this, where, assignments, env.allocator());
  }

  /**
   * Sets the columns {@code assigned} in the rows for which {@code where} is true to the values
   * {@code update} computes from each row (for {@code SET x = x + 1}), copy-on-write like {@link
   * #delete}.
   */
  public CommitResult update(dev.floe.storage.segment.Predicate where, List<String> assigned, RowUpdate update) {
    return TableData.rewriteMatching(this, where, assigned, update, env.allocator());
  }

  /** Replaces every row of the version it reads by the rows of {@code batch}, in one commit. */
  public CommitResult overwrite(org.apache.arrow.vector.VectorSchemaRoot batch) {
    return TableData.overwrite(this, batch);
  }

  /**
   * Adds a column, recomputed from the head at commit time: it gets the next unused column id,
   * segments written before read it as NULL, and two concurrent ADD COLUMNs of different names both
   * survive.
   *
   * @throws FloeException {@link ErrorCode#COLUMN_EXISTS} if the name exists (also when a
   *     concurrent ADD COLUMN of the same name won)
   */
  public CommitResult addColumn(String columnName, ColumnType type, boolean nullable) {
    return addColumn(columnName, type, nullable, 0);
  }

  /**
   * As {@link #addColumn(String, ColumnType, boolean)}, for a VARCHAR column with a declared length
   * ({@link dev.floe.storage.Column#maxLength()}; 0 for none).
   */
  public CommitResult addColumn(String columnName, ColumnType type, boolean nullable, int maxLength) {
    Statement st = statement();
    return commit(st, Operation.ADD_COLUMN, head(),
        base -> Changes.addColumn(base, columnName, type, nullable, maxLength));
  }

  /**
   * Adds {@code index} to the schema, recomputed from the head at commit time (ALTER_KEYS). A
   * unique index on a table with rows first checks that no two live rows share a key.
   *
   * @throws FloeException {@link ErrorCode#INDEX_EXISTS} if the table has an index of that name;
   *     {@link ErrorCode#COLUMN_NOT_FOUND} for a column it lacks; {@link ErrorCode#UNIQUE_VIOLATION}
   *     if a unique index's key is held by two rows
   */
  public CommitResult addIndex(dev.floe.storage.Index index) {
    Statement st = statement();
    return commit(st, Operation.ALTER_KEYS, head(), base -> {
      dev.floe.storage.Schema s = base.record().schema();
      if (s.index(index.name()).isPresent()) {
        throw new FloeException(ErrorCode.INDEX_EXISTS, null, "table '" + name() + "' already has an index named '"
            + index.name() + "'; choose another name, or drop that index first", null);
      }
      for (String c : index.columns()) {
        if (s.byName(c).isEmpty()) {
          throw new FloeException(ErrorCode.COLUMN_NOT_FOUND, null, "column '" + c + "' of index " + index.name()
              + " does not exist in table '" + name() + "' (columns: "
              + s.columns().stream().map(dev.floe.storage.Column::name).toList() + ")", null);
        }
      }
      dev.floe.storage.Schema next = s.withIndex(index);
      if (index.unique()) {
        KeyCheck.requireDistinct(this, base, next, index);
      }
      return Changes.schema(base, next);
    });
  }

  /**
   * Drops the index {@code indexName} from the schema (ALTER_KEYS).
   *
   * @throws FloeException {@link ErrorCode#INDEX_NOT_FOUND} if the table has no such index
   */
  public CommitResult dropIndex(String indexName) {
    Statement st = statement();
    return commit(st, Operation.ALTER_KEYS, head(), base -> {
      dev.floe.storage.Schema s = base.record().schema();
      if (s.index(indexName).isEmpty()) {
        throw new FloeException(ErrorCode.INDEX_NOT_FOUND, null, "table '" + name() + "' has no index named '"
            + indexName + "'", null);
      }
      return Changes.schema(base, s.withoutIndex(indexName));
    });
  }

  /**
   * COMPACT: merges the segments of fewer than half of {@code targetRows} rows into segments of up
   * to {@code targetRows} (capped by the configured segment size), as one commit with the same rows.
   * Concurrent appends rebase over it; a concurrent delete or update of a merged segment makes it
   * fail with a retryable conflict (nothing changed). Does nothing when fewer than two segments are
   * small.
   */
  public CommitResult compact(int targetRows) {
    return TableData.compact(this, targetRows);
  }

  /**
   * Publishes segments that writers staged under {@code staged/} in one commit, by reference (they
   * are not copied). Appends commute: this never conflicts with concurrent appends.
   *
   * @throws FloeException {@link ErrorCode#INVALID_ARGUMENT} if an entry is not a staged segment of
   *     this table or its object is missing
   */
  public CommitResult commitStaged(List<SegmentEntry> staged) {
    return commitStaged(null, staged);
  }

  /** As above, as the statement {@code st} (null: a new one). */
  CommitResult commitStaged(Statement st, List<SegmentEntry> staged) {
    checkStaged(staged);
    if (staged.isEmpty()) {
      TableVersion v = latest();
      return new CommitResult(v.version(), Operation.COMMIT_STAGED, 0, 0, 0, v.hlc());
    }
    return appendEntries(Operation.COMMIT_STAGED, st != null ? st : statement(), staged);
  }

  /**
   * Replaces every row of the latest version by the segments writers staged ({@link #stage}), in one
   * OVERWRITE commit, by reference: the whole-table overwrite of a parallel writer. Like {@link
   * #overwrite}, it removes the segments of the version it read; rows a concurrent append committed
   * after that version survive.
   *
   * @throws FloeException {@link ErrorCode#INVALID_ARGUMENT} if an entry is not a staged segment of
   *     this table or its object is missing
   */
  public CommitResult overwriteStaged(List<SegmentEntry> staged) {
    checkStaged(staged);
    TableVersion r = latest();
    Set<String> removed = new HashSet<>();
    r.segments().forEach(e -> removed.add(e.identity()));
    return rewrite(Operation.OVERWRITE, statement(), r, removed, List.copyOf(staged));
  }

  /**
   * Deletes the rows for which {@code where} is true (copy-on-write, as {@link #delete}) and
   * publishes the segments writers staged, in one OVERWRITE commit: an overwrite of the rows
   * matching a filter by a parallel writer. Rows a concurrent append committed after the version it
   * read survive; a concurrent rewrite of a segment it rewrites fails it with 40001.
   *
   * @throws FloeException {@link ErrorCode#INVALID_ARGUMENT} if an entry is not a staged segment of
   *     this table or its object is missing
   */
  public CommitResult overwriteStaged(dev.floe.storage.segment.Predicate where, List<SegmentEntry> staged) {
    checkStaged(staged);
    return TableData.rewriteMatching(this, where, null, null, env.allocator(), List.copyOf(staged));
  }

  /** Checks, with one listing, that every entry is a staged segment of this table whose object exists. */
  private void checkStaged(List<SegmentEntry> staged) {
    Set<String> present = new HashSet<>();
    try (Stream<ObjectInfo> s = env.store().list(layout.root() + "staged/", null)) {
      s.forEach(i -> present.add(i.key().substring(layout.root().length())));
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    for (SegmentEntry e : staged) {
      if (!e.key().startsWith("staged/") || !present.contains(e.key())) {
        throw new FloeException(ErrorCode.INVALID_ARGUMENT, layout.abs(e.key()), "cannot publish '"
            + layout.abs(e.key()) + "': it is not a staged segment of table '" + name() + "' in "
            + env.location() + "; stage it with this table first", null);
      }
    }
  }

  /**
   * The staged segments of this table that the latest version does not reference yet, rebuilt from
   * the objects under {@code staged/} (reading each one's footer from its tail), so that a committer
   * in another process can publish what parallel writers staged. A staged object still being
   * written by a live writer may be missing from the list or fail to parse; such objects are
   * skipped.
   */
  public List<SegmentEntry> stagedSegments() {
    Set<String> published = new HashSet<>();
    latest().segments().forEach(e -> published.add(e.key()));
    List<SegmentEntry> out = new ArrayList<>();
    try (Stream<ObjectInfo> s = env.store().list(layout.root() + "staged/", null)) {
      for (ObjectInfo i : (Iterable<ObjectInfo>) s::iterator) {
        String rel = i.key().substring(layout.root().length());
        if (published.contains(rel)) {
          continue;
        }
        try {
          var footer = dev.floe.storage.segment.SegmentReader.readFooter(env.store(), i.key());
          out.add(new SegmentEntry(rel, footer.rowCount(), i.size(), footer.toBytes()));
        } catch (StoreException e) {
          // not a complete segment (yet): skip it
        }
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    return out;
  }

  /**
   * Refuses to append rows written for {@code start}'s schema onto a {@code base} that gained a NOT
   * NULL column since (allowed on an empty table): the rows have no value for it and would read
   * NULL there.
   *
   * @throws CommitConflictException (40001, not retryable) naming the column; nothing changed
   */
  private void requireNotNullColumns(Versioned<CommitRecord> start, Versioned<CommitRecord> base) {
    if (base.record().schemaId() == start.record().schemaId()) {
      return;
    }
    for (dev.floe.storage.Column c : base.record().schema().columns()) {
      if (!c.nullable() && start.record().schema().columns().stream().noneMatch(s -> s.id() == c.id())) {
        throw new CommitConflictException(false, "table '" + name() + "' gained the NOT NULL column '" + c.name()
            + "' (version " + base.version() + ") after this statement wrote its rows, which have no value for"
            + " it; nothing was committed; run the statement again to write that column");
      }
    }
  }

  /** Appends segments already written by {@code st} (or staged) in one commit. */
  CommitResult appendEntries(Operation op, Statement st, List<SegmentEntry> entries) {
    return appendEntries(op, st, entries, head());
  }

  /** As above, from a head the statement already read (saves a listing). */
  CommitResult appendEntries(Operation op, Statement st, List<SegmentEntry> entries, Versioned<CommitRecord> start) {
    if (start.record().tombstone()) {
      st.abandon();
      throw dropped(start);
    }
    try {
      st.publishes(entries);
      ManifestRef mine = st.writeManifest(new Manifest(entries));
      return commit(st, op, start, KeyCheck.around(this, op, entries, Set.of(), java.util.Map.of(), base -> {
        requireNotNullColumns(start, base);
        return Changes.append(base, st, mine, env.options().manifestBound());
      }));
    } catch (CommitStateUnknownException e) {
      throw e;
    } catch (RuntimeException e) {
      st.abandon();
      throw e;
    }
  }

  /**
   * Rewrites: removes {@code removed} segments (read at {@code read}) and adds {@code added}.
   */
  CommitResult rewrite(Operation op, Statement st, TableVersion read, Set<String> removed, List<SegmentEntry> added) {
    return rewrite(op, st, read, removed, added, -1, -1);
  }

  /** As above, with the statement's logical row counts for the record's summary. */
  CommitResult rewrite(Operation op, Statement st, TableVersion read, Set<String> removed, List<SegmentEntry> added,
      long summaryAdded, long summaryRemoved) {
    return rewrite(op, st, read, removed, java.util.Map.of(), added, summaryAdded, summaryRemoved);
  }

  /** As above, also adding {@code deletes}' positions to the deletion vectors of the segments they name. */
  CommitResult rewrite(Operation op, Statement st, TableVersion read, Set<String> removed,
      java.util.Map<String, int[]> deletes, List<SegmentEntry> added, long summaryAdded, long summaryRemoved) {
    try {
      st.publishes(added);
      ManifestRef mine = added.isEmpty() ? null : st.writeManifest(new Manifest(added));
      return commit(st, op, read.versioned(), KeyCheck.around(this, op, added, removed, deletes,
          base -> Changes.rewrite(base, st, removed, deletes, mine, summaryAdded, summaryRemoved)));
    } catch (CommitStateUnknownException e) {
      throw e;
    } catch (RuntimeException e) {
      st.abandon();
      throw e;
    }
  }

  /** Commits the tombstone of a DROP. */
  CommitResult tombstone(Statement st) {
    return commit(st, Operation.DROP, head(), Changes::tombstone);
  }

  /** A statement that knows the version its writes follow ({@code -1}: the log has no record yet). */
  Statement statement(long startVersion) {
    return new Statement(env, layout, manifests, startVersion);
  }

  /** A new statement, knowing the latest version this client has seen (read now if none). */
  Statement statement() {
    return statement(dev.floe.storage.commit.TxnId.random(), List.of());
  }

  /**
   * As {@link #statement()}, committing as a participant of the multi-table transaction {@code txn}
   * over the tables {@code transaction} (by root; empty: a commit of its own).
   */
  Statement statement(dev.floe.storage.commit.TxnId txn, List<String> transaction) {
    Versioned<CommitRecord> k = known;
    long start;
    if (k != null) {
      start = k.version();
    } else {
      try {
        start = loop.head().map(Versioned::version).orElse(-1L); // none yet: CREATE TABLE AS
      } catch (ObjectNotFoundException e) {
        start = -1;
      } catch (StoreException e) {
        throw StoreErrors.wrap(e);
      }
    }
    return new Statement(env, layout, manifests, start, txn, transaction);
  }

  /** The head record, tombstone or not. */
  Versioned<CommitRecord> head() {
    try {
      Versioned<CommitRecord> k = known;
      Versioned<CommitRecord> h = k == null
          ? loop.head().orElseThrow(() -> new FloeException(ErrorCode.MISSING_OBJECT, loop.log().key(0),
              "table '" + name() + "' is in the catalog but its log has no record: '" + loop.log().key(0)
                  + "' is missing from " + env.location() + "; it was deleted outside Floe or the store"
                  + " lost it; restore it from a backup, or drop the table", null))
          : loop.refresh(k);
      known = h;
      return h;
    } catch (ObjectNotFoundException e) {
      throw StoreErrors.missing(e.key(), env.location(), "commit record", e);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  /** Remembers {@code head} as the latest version this client knows (after a repair). */
  void known(Versioned<CommitRecord> head) {
    known = head;
  }

  /**
   * Supersedes damaged newest versions (see {@link FloeStore#repair}).
   *
   * @return what was found and done
   */
  public RepairReport repair() {
    return Repair.run(this);
  }

  /** Commits {@code change} (computed afresh for each base) as {@code op}, with the VACUUM check. */
  CommitResult commitWith(Statement st, Operation op, Versioned<CommitRecord> start,
      Function<Versioned<CommitRecord>, Changes.Change> change) {
    return commit(st, op, start, change);
  }

  private CommitResult commit(Statement st, Operation op, Versioned<CommitRecord> start,
      Function<Versioned<CommitRecord>, Changes.Change> change) {
    try {
      if (!env.clock().hasObservation()) {
        env.clock().observe(loop.writeHint(start));
      }
      long[] checked = {st.checkAfter()};
      Committed<CommitRecord> c = loop.commit(st.txn, start, base -> {
        if (base.record().tombstone()) {
          throw dropped(base);
        }
        Participants.Base b = participants.base(base, st.transaction.isEmpty() ? null : st.txn); // may wait
        checked[0] = Vacuum.checkNotAnnounced(this, st, checked[0], base);
        return FloeStore.record(env, base.version() + 1, base.record().hlc(), st, op, change.apply(b.content()),
            layout, b.requires());
      });
      known = c.versioned();
      st.tidy(c.record());
      CommitRecord r = c.record();
      return new CommitResult(c.version(), op, r.rowsAdded(), r.rowsRemoved(), c.attempts(), r.hlc());
    } catch (CommitStateUnknownException e) {
      throw e;
    } catch (StoreException e) {
      st.abandon();
      throw StoreErrors.wrap(e);
    } catch (RuntimeException e) {
      st.abandon();
      throw e;
    }
  }

  /** The error for a table whose log ends in a tombstone; rolls the drop op forward first. */
  FloeException dropped(Versioned<CommitRecord> tombstone) {
    try {
      catalog.put(new CatalogOp(name(), generation() + 1, CatalogOp.Kind.DROP), tombstone.record().txnId());
    } catch (RuntimeException e) {
      // the next reader rolls it forward
    }
    return new FloeException(ErrorCode.TABLE_NOT_FOUND, loop.log().key(tombstone.version()),
        "table '" + name() + "' does not exist: it was dropped at version " + tombstone.version()
            + " (possibly while this statement ran); nothing was written to it", null);
  }

  @Override
  public String toString() {
    return "Table[" + name() + " at " + env.location() + "/" + layout.root() + "]";
  }
}
