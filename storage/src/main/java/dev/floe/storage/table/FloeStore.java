package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.CommitLoop;
import dev.floe.storage.commit.CommitStateUnknownException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.Hlc;
import dev.floe.storage.commit.ObservingStore;
import dev.floe.storage.commit.StoreClock;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.Versioned;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.WriteGate;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.io.StoreConfig;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.segment.ChunkCache;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The entry point: a Floe root in an object store ({@code mem:NAME}, {@code file:PATH} or {@code
 * s3://bucket/prefix}), its catalog and its tables. Opening a root creates its {@code floe.json}
 * format marker by create-if-absent, or checks the one there.
 *
 * <p>Catalog operations follow {@code docs/format.md} §4: CREATE (and CREATE TABLE AS) writes the
 * table's data and {@code log/0} before it publishes its catalog op; DROP commits a tombstone to
 * the table's log before its op; a client that finds either half-done rolls it forward; a client
 * whose op landed below a newer generation fails with a conflict and changed nothing visible.
 * Thread-safe.
 */
public final class FloeStore implements AutoCloseable {
  static final String MARKER = "floe.json";
  /**
   * Written (plain put, empty) only to learn the store's time; never read. Outside every listed
   * prefix: under {@code catalog/_folded/} it was taken for the newest fold and made the root
   * unreadable.
   */
  static final String CLOCK_PROBE = "clock";
  /**
   * The format this Floe writes: 2 since every stored JSON object carries its {@code crc32c}
   * checksum. Roots whose marker says 1 are still read and written; see {@link Json}.
   */
  static final int FORMAT_VERSION = 2;

  private final Env env;
  private final Catalog catalog;
  private final Snapshots snapshots;
  private final Views views;
  private final boolean ownsStore;
  /** The store as opened, closed with this client if it owns it. */
  private final ObjectStore opened;
  /** The wall under every write of this client: closed while it is read-only. */
  private final WriteGate gate;
  /**
   * The tables this client resolved, by root: each remembers the latest version it saw, so that
   * resolving it again is one listing of its log after that version (plus a read if it moved).
   */
  private final Map<String, Table> resolved = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int RESOLVED_LIMIT = 1024;

  private FloeStore(ObjectStore opened, FloeOptions options, boolean ownsStore, boolean readOnly, int rootFormat) {
    this.opened = opened;
    this.gate = new WriteGate(opened, !readOnly);
    ObjectStore raw = gate;
    StoreClock clock = new StoreClock(options.clientClock(), options.warnSkew(), options.refuseSkew());
    ObjectCache cache = new ObjectCache(options.cacheBytes());
    // a paced (simulated) client keeps no JVM-wide state: replaying a seed must not depend on what ran before
    ChunkCache chunks = dev.floe.storage.io.Pacing.paced() ? ChunkCache.none() : ChunkCache.shared();
    ObjectStore store = new CachingStore(new ObservingStore(raw, clock), cache, chunks);
    this.env = new Env(store, raw, clock, options, cache, chunks, new org.apache.arrow.memory.RootAllocator(),
        rootFormat < 2);
    this.catalog = new Catalog(env);
    this.snapshots = new Snapshots(this, env);
    this.views = new Views(env);
    this.ownsStore = ownsStore;
  }

  /** Opens the root at {@code location} with default options. */
  public static FloeStore open(String location, StoreConfig config) {
    return open(location, config, FloeOptions.defaults());
  }

  /**
   * Opens the root at {@code location}; closing the result closes the store.
   *
   * @throws FloeException {@link ErrorCode#INCOMPATIBLE_FORMAT} if the root holds another format
   */
  public static FloeStore open(String location, StoreConfig config, FloeOptions options) {
    return open(location, config, options, false);
  }

  /**
   * Opens the root at {@code location} as {@link #open(String, StoreConfig, FloeOptions)} does,
   * read-only if {@code readOnly} ({@link #setReadOnly}): a read-only client creates no marker.
   */
  public static FloeStore open(String location, StoreConfig config, FloeOptions options, boolean readOnly) {
    ObjectStore raw;
    try {
      raw = ObjectStores.open(location, config);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    try {
      return open(raw, options, true, readOnly);
    } catch (RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Opens a root on a store the caller owns (closing the result leaves it open). */
  public static FloeStore open(ObjectStore store, FloeOptions options) {
    return open(store, options, false, false);
  }

  /** As {@link #open(ObjectStore, FloeOptions)}, read-only if {@code readOnly} ({@link #setReadOnly}). */
  public static FloeStore open(ObjectStore store, FloeOptions options, boolean readOnly) {
    return open(store, options, false, readOnly);
  }

  private static FloeStore open(ObjectStore raw, FloeOptions options, boolean owns, boolean readOnly) {
    int format = checkMarker(raw, readOnly);
    return new FloeStore(raw, options, owns, readOnly, format);
  }

  /**
   * Makes this client read-only, or writable again. While it is read-only every call that would
   * put, create or delete an object fails with {@link ErrorCode#READ_ONLY} before it reaches the
   * store (reads, and hints a read would refresh, are unaffected but for the hints, which are
   * skipped), whatever asked for it: the second wall below a connection's statement checks.
   */
  public void setReadOnly(boolean readOnly) {
    gate.setWritable(!readOnly);
  }

  /** Whether this client refuses writes ({@link #setReadOnly}). */
  public boolean isReadOnly() {
    return !gate.writable();
  }

  /**
   * Creates the root's marker {@code floe.json} by create-if-absent (unless {@code readOnly}), or
   * checks the one there.
   *
   * @return the root's format version (1: objects may lack checksums; an empty root read-only:
   *     the current version, there being nothing to read)
   * @throws FloeException {@link ErrorCode#CORRUPT_OBJECT} naming the marker if it is damaged;
   *     {@link ErrorCode#INCOMPATIBLE_FORMAT} if it names a newer format
   */
  private static int checkMarker(ObjectStore raw, boolean readOnly) {
    ObjectNode o = Json.object();
    o.put("format", "floe");
    o.put("version", FORMAT_VERSION);
    byte[] body = Json.bytes(o);
    try {
      byte[] existing;
      try {
        existing = raw.get(MARKER);
      } catch (ObjectNotFoundException e) {
        if (readOnly) {
          return FORMAT_VERSION; // an empty root, as far as a reader can tell: nothing to check, nothing to create
        }
        raw.putIfAbsent(MARKER, body);
        existing = raw.get(MARKER);
      }
      JsonNode m = Json.parse(MARKER, raw.location(), "format marker", existing, true);
      int version = m.path("version").asInt(-1);
      if (!"floe".equals(m.path("format").asText()) || version < 1) {
        throw StoreErrors.corrupt(MARKER, raw.location(), "format marker", new IllegalArgumentException(
            "it is not a Floe format marker: " + m));
      }
      if (version > FORMAT_VERSION) {
        throw new FloeException(ErrorCode.INCOMPATIBLE_FORMAT, MARKER, "the root " + raw.location()
            + " holds format " + m + " but this Floe reads format version " + FORMAT_VERSION
            + "; use a newer Floe, or another root", null);
      }
      if (version >= 2 && !Json.hasChecksum(existing)) {
        throw StoreErrors.corrupt(MARKER, raw.location(), "format marker", new IllegalArgumentException(
            "format version " + version + " markers carry a crc32c checksum and this one has none"));
      }
      return version;
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  /**
   * The root's objects under their keys, for files that are not tables (floe.read_parquet and COPY
   * TO of a key under the root): uncached, and writes go through the same wall as the tables' writes,
   * so they are refused while this client is read-only.
   */
  public dev.floe.storage.io.ObjectStore files() {
    return gate;
  }

  /** Where the root lives (no secrets). */
  public String location() {
    return env.location();
  }

  /** The options this client was opened with. */
  public FloeOptions options() {
    return env.options();
  }

  /**
   * Creates an empty table. Exclusive per name: of concurrent creators exactly one succeeds.
   *
   * @throws FloeException {@link ErrorCode#TABLE_EXISTS} if the name is taken
   * @throws CommitConflictException if this client's view of the catalog was stale
   * @throws CommitStateUnknownException if the outcome could not be learned
   */
  public Table create(String name, Schema schema) {
    return create(name, schema, List.of(), null);
  }

  /**
   * CREATE TABLE AS: creates a table whose version 0 holds the rows of {@code data} (vector i =
   * schema column i). The rows and {@code log/0} are written before the catalog op is published,
   * so the table appears with its rows or not at all.
   *
   * @throws FloeException {@link ErrorCode#TABLE_EXISTS} if the name is taken
   */
  public Table createAs(String name, Schema schema, org.apache.arrow.vector.VectorSchemaRoot data) {
    return create(name, schema, List.of(), (t, st) -> TableData.write(t, st, schema, data, false));
  }

  /**
   * Creates a table whose version 0 holds {@code initial} segments (CREATE TABLE AS), written by
   * {@code st} under the table's root before the catalog op is published.
   *
   * @param writer writes the initial segments into the new table's layout; null for none
   */
  Table create(String name, Schema schema, List<SegmentEntry> initial, java.util.function.BiFunction<Table, Statement, List<SegmentEntry>> writer) {
    TableNames.validate(name);
    if (schema.size() == 0) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, "table '" + name + "' needs at least one column");
    }
    Optional<CatalogOp> latest = catalog.latest(name);
    long g = 1;
    if (latest.isPresent()) {
      CatalogOp op = latest.get();
      g = op.generation() + 1;
      if (op.live()) {
        Table existing = new Table(env, catalog, new TableLayout(name, op.generation()));
        Versioned<CommitRecord> head;
        try {
          head = existing.head();
        } catch (FloeException e) {
          if (damage(e)) {
            throw exists(name); // damaged, not dropped: the name is taken
          }
          throw e;
        }
        if (!head.record().tombstone()) {
          throw exists(name);
        }
        existing.dropped(head);
        g = op.generation() + 2;
      }
    }
    Table table = new Table(env, catalog, new TableLayout(name, g));
    Statement st = table.statement(-1);
    CommitLoop<CommitRecord> loop = table.loop();
    try {
      List<SegmentEntry> entries = writer == null ? initial : writer.apply(table, st);
      List<ManifestRef> manifests = entries.isEmpty() ? List.of() : List.of(st.writeManifest(new Manifest(entries)));
      long rows = entries.stream().mapToLong(SegmentEntry::rowCount).sum();
      if (!env.clock().hasObservation()) {
        env.clock().observe(loop.log().writeHint(0));
      }
      CommitRecord rec0 = record(env, 0, -1, st, Operation.CREATE,
          new Changes.Change(manifests, schema, 0, rows, rows, 0), table.layout());
      loop.createFirst(st.txn, rec0);
    } catch (CommitConflictException e) {
      st.abandon();
      // another creator's log/0: roll its op forward (it may have crashed), then lose
      CommitRecord theirs = loop.read(0).record();
      catalog.put(new CatalogOp(name, g, CatalogOp.Kind.CREATE), theirs.txnId());
      throw exists(name);
    } catch (CommitStateUnknownException e) {
      throw e;
    } catch (StoreException e) {
      st.abandon();
      throw StoreErrors.wrap(e);
    } catch (RuntimeException e) {
      st.abandon();
      throw e;
    }
    publish(new CatalogOp(name, g, CatalogOp.Kind.CREATE), st, "log/0");
    return table;
  }

  private FloeException exists(String name) {
    return new FloeException(ErrorCode.TABLE_EXISTS, null, "table '" + name + "' already exists in "
        + env.location() + "; drop it first, or use another name", null);
  }

  /**
   * The live table {@code name}.
   *
   * @throws FloeException {@link ErrorCode#TABLE_NOT_FOUND}
   */
  public Table table(String name) {
    return find(name).orElseThrow(() -> notFound(name));
  }

  /** The live table {@code name}, if any: one listing of its catalog ops, then its head (§4.1). */
  public Optional<Table> find(String name) {
    TableNames.validate(name);
    Optional<CatalogOp> latest = catalog.latest(name);
    if (latest.isEmpty() || !latest.get().live()) {
      return Optional.empty();
    }
    try {
      return headOf(name, latest.get().generation()).map(TableVersion::table);
    } catch (FloeException e) {
      if (!damage(e)) {
        throw e;
      }
      // a damaged head: the table exists (its older versions are readable, floe.repair fixes it)
      return Optional.of(resolve(new TableLayout(name, latest.get().generation())));
    }
  }

  /** Whether {@code e} says a stored object fails its checks or is missing (damage, not a user error). */
  static boolean damage(FloeException e) {
    return e.code() == ErrorCode.CORRUPT_OBJECT || e.code() == ErrorCode.MISSING_OBJECT;
  }

  /**
   * Repairs table {@code name} if its latest version is damaged (a commit record or manifest that
   * fails its checksum or does not parse, or a missing manifest or segment): commits a {@link
   * Operation#REPAIR} record at the next version (create-if-absent) holding the data and schema of
   * the last version that passes every check. Deletes nothing; older versions stay readable by time
   * travel; the rows only the superseded versions held are no longer in the latest version. Logged
   * at WARN. Does nothing (and says so) if the latest version is sound.
   *
   * @return what was found and done
   * @throws FloeException {@link ErrorCode#TABLE_NOT_FOUND} if there is no such table; {@link
   *     ErrorCode#CORRUPT_OBJECT} if no version passes the checks
   * @throws CommitConflictException if a concurrent commit or repair took the next version (run it again)
   */
  public RepairReport repair(String name) {
    return table(name).repair();
  }

  /**
   * The latest version of the live table {@code name}: one listing of its catalog ops, then its
   * head: the first time, a hint read and one listing of its log (when the hint carries the head's
   * record); after that, one listing of the log after the version this client saw last, plus a
   * read of the new head if it moved.
   *
   * @throws FloeException {@link ErrorCode#TABLE_NOT_FOUND}
   */
  public TableVersion latest(String name) {
    return findLatest(name).orElseThrow(() -> notFound(name));
  }

  /**
   * The latest version of table {@code name} in the root of catalog generation {@code generation},
   * as {@link #listRoot} listed it: its head only, no catalog listing.
   *
   * @throws FloeException {@link ErrorCode#TABLE_NOT_FOUND} if that root's log ends with a DROP
   */
  public TableVersion latest(String name, long generation) {
    return headOf(name, generation).orElseThrow(() -> notFound(name));
  }

  private Optional<TableVersion> findLatest(String name) {
    TableNames.validate(name);
    Optional<CatalogOp> latest = catalog.latest(name);
    if (latest.isEmpty() || !latest.get().live()) {
      return Optional.empty();
    }
    return headOf(name, latest.get().generation());
  }

  private Optional<TableVersion> headOf(String name, long generation) {
    Table t = resolve(new TableLayout(name, generation));
    try {
      return Optional.of(t.latest());
    } catch (FloeException e) {
      if (e.code() == ErrorCode.TABLE_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Table resolve(TableLayout layout) {
    if (resolved.size() > RESOLVED_LIMIT) {
      resolved.clear();
    }
    return resolved.computeIfAbsent(layout.root(), r -> new Table(env, catalog, layout));
  }

  private FloeException notFound(String name) {
    return new FloeException(ErrorCode.TABLE_NOT_FOUND, null,
        "table '" + name + "' does not exist in " + env.location() + "; create it first, or check"
            + " the name (names are case-sensitive here)", null);
  }

  /**
   * What a statement needs to know of the root before it resolves names: the live tables, each
   * with its catalog generation, and every view's query. The listings of {@code catalog/} and
   * {@code views/} are in flight together: one round trip.
   */
  public record RootListing(SortedMap<String, Long> tables, SortedMap<String, String> views) {}

  /** Lists the catalog and the views together ({@link RootListing}). */
  public RootListing listRoot() {
    java.util.concurrent.Future<SortedMap<String, String>> views = Requests.start(this.views::definitions);
    SortedMap<String, Long> tables = new java.util.TreeMap<>();
    try {
      catalog.state().values().stream().filter(CatalogOp::live).forEach(op -> tables.put(op.name(), op.generation()));
    } catch (RuntimeException e) {
      views.cancel(true);
      throw e;
    }
    return new RootListing(java.util.Collections.unmodifiableSortedMap(tables),
        java.util.Collections.unmodifiableSortedMap(ReadAhead.await(views)));
  }

  /**
   * Drops a table: commits a tombstone to its log (competing like any commit, so no write is
   * acknowledged into it afterwards), then publishes the drop op.
   *
   * @throws FloeException {@link ErrorCode#TABLE_NOT_FOUND} if it does not exist (or a concurrent
   *     DROP won)
   */
  public void drop(String name) {
    Table t = table(name);
    Statement st;
    try {
      st = t.statement();
      t.tombstone(st);
    } catch (FloeException e) {
      if (!damage(e)) {
        throw e;
      }
      // a damaged head: supersede it (logged), then drop; the catalog op is what removes the name
      RepairReport r = t.repair();
      if (!r.repaired()) {
        throw e;
      }
      st = t.statement();
      t.tombstone(st);
    }
    publish(new CatalogOp(name, t.generation() + 1, CatalogOp.Kind.DROP), st, "the tombstone");
  }

  /**
   * Publishes the catalog op of a CREATE or DROP whose log record ({@code record}) already landed,
   * and checks that it is not stale (format.md §4.5). The record is in the log, so the statement
   * may already have its effect (a DROP's table reads as dropped; a CREATE's {@code log/0} is
   * rolled forward by the next creator of the name): a store failure from here on is an unknown
   * outcome (40003), never a plain failure, which would tell the caller that nothing happened.
   */
  private void publish(CatalogOp op, Statement st, String record) {
    try {
      if (!catalog.put(op, st.txn)) {
        throw new CommitConflictException(false, op.key(), "the catalog op '" + op.key() + "' is held by"
            + " another statement although this one wrote " + record + "; the catalog was changed outside Floe");
      }
      catalog.checkNotStale(op);
    } catch (CommitConflictException | CommitStateUnknownException e) {
      throw e;
    } catch (FloeException | StoreException e) {
      throw new CommitStateUnknownException(op.key(), "the statement wrote " + record + " of '" + op.name()
          + "' in " + env.location() + " but could not publish or check its catalog op '" + op.key() + "' ("
          + e.getMessage() + "); it may have taken effect (the next statement on the name completes it);"
          + " list the tables to find out", e);
    }
  }

  /** Drops {@code name} if it exists; returns whether this call dropped it. */
  public boolean dropIfExists(String name) {
    try {
      drop(name);
      return true;
    } catch (FloeException e) {
      if (e.code() == ErrorCode.TABLE_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The names of live tables, sorted: one listing of {@code catalog/} (plus one read of the latest
   * fold, if any). A table whose DROP crashed between its tombstone and its op is listed until a
   * client touches it and rolls the drop forward.
   */
  public List<String> tables() {
    return catalog.state().values().stream().filter(CatalogOp::live).map(CatalogOp::name).toList();
  }

  /** Writes a fold of the catalog (create-if-absent); returns its number. */
  public long foldCatalog() {
    return catalog.fold();
  }

  /** Deletes catalog ops covered by a fold and older than {@code grace} (store time); never a name's latest op. */
  public List<String> pruneCatalog(java.time.Duration grace) {
    Instant now = env.clock().now().orElseGet(() -> {
      env.clock().observe(env.store().put(CLOCK_PROBE, new byte[0]));
      return env.clock().now().orElseThrow();
    });
    return catalog.pruneFolded(grace, now);
  }

  /**
   * Every table root under {@code tables/} with its catalog status: one listing of {@code catalog/}
   * and one of {@code tables/}.
   */
  public List<TableRoot> roots() {
    java.util.TreeMap<String, CatalogOp> state = catalog.state();
    java.util.TreeMap<String, int[]> counts = new java.util.TreeMap<>();
    try (java.util.stream.Stream<dev.floe.storage.io.ObjectInfo> s = env.store().list(TableLayout.TABLES, null)) {
      s.forEach(i -> {
        String rest = i.key().substring(TableLayout.TABLES.length());
        int slash = rest.indexOf('/');
        if (slash > 0) {
          counts.computeIfAbsent(rest.substring(0, slash), k -> new int[1])[0]++;
        }
      });
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    List<TableRoot> out = new java.util.ArrayList<>();
    counts.forEach((dir, n) -> {
      int dot = dir.lastIndexOf('.');
      String name = dot > 0 ? TableNames.decode(dir.substring(0, dot)) : null;
      long gen = name == null ? -1 : dev.floe.storage.commit.SequencedLog.number(dir.substring(dot + 1));
      if (gen < 0) {
        return;
      }
      CatalogOp winner = state.get(name);
      TableRoot.Status status;
      if (winner == null || winner.generation() < gen) {
        status = TableRoot.Status.UNPUBLISHED;
      } else if (winner.generation() == gen && winner.live()) {
        status = TableRoot.Status.LIVE;
      } else {
        status = TableRoot.Status.DROPPED;
      }
      out.add(new TableRoot(name, gen, TableLayout.TABLES + dir + "/", status, n[0]));
    });
    return out;
  }

  /**
   * VACUUM of table {@code name} (announce, then delete; see {@link Vacuum}): deletes objects no
   * retained version or snapshot references that are older than the grace period, and expires
   * versions beyond the retention unless a snapshot pins them. Safe with concurrent readers and
   * writers; a writer that ran longer than the grace period fails with a retryable conflict instead
   * of committing a reference to a deleted object.
   */
  public VacuumReport vacuum(String name, VacuumOptions options) {
    Table t = table(name);
    return Vacuum.run(t, options, snapshots.pinned(t.root()), () -> snapshots.pinned(t.root()));
  }

  /**
   * VACUUM of dropped tables' roots (announce, then delete; see {@link Reclaim}): for every root
   * whose table was dropped (or dropped and created again) more than the grace period ago and of
   * which no named snapshot pins a version, deletes every object under it outside {@code log/}
   * older than the grace period, after committing a {@code RECLAIM} record that lists them. Only
   * {@link VacuumOptions#grace()} and {@link VacuumOptions#dryRun()} apply.
   *
   * @return one report per dropped root (nothing deleted when it was kept)
   */
  public List<VacuumReport> vacuumDropped(VacuumOptions options) {
    List<VacuumReport> out = new java.util.ArrayList<>();
    for (TableRoot r : roots()) {
      if (r.status() != TableRoot.Status.DROPPED) {
        continue;
      }
      Table t = new Table(env, catalog, new TableLayout(r.name(), r.generation()));
      try {
        VacuumReport report = Reclaim.run(t, options, () -> snapshots.pinned(t.root()));
        if (report != null) {
          out.add(report);
        }
      } catch (CommitConflictException e) {
        // another VACUUM reclaims it
      }
    }
    return out;
  }

  /**
   * Creates a named snapshot of every table's latest version (create-if-absent).
   *
   * @throws FloeException {@link ErrorCode#SNAPSHOT_EXISTS} if the name is taken
   */
  public Snapshot createSnapshot(String name) {
    return snapshots.create(name);
  }

  /** Every named snapshot. */
  public List<Snapshot> snapshots() {
    return snapshots.list();
  }

  /**
   * The snapshot {@code name}.
   *
   * @throws FloeException {@link ErrorCode#SNAPSHOT_NOT_FOUND} if there is none
   */
  public Snapshot snapshot(String name) {
    return snapshots.get(name);
  }

  /**
   * The versions snapshot {@code name} pins, of the tables that still exist under the root it
   * pinned: a table dropped since (or dropped and created again, which is another table) is left
   * out. One catalog listing, plus one log listing per table.
   *
   * @throws FloeException {@link ErrorCode#SNAPSHOT_NOT_FOUND} if there is no such snapshot
   */
  public java.util.Map<String, Long> snapshotVersions(String name) {
    Snapshot s = snapshots.get(name);
    java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
    List<String> live = tables();
    s.versions().forEach((table, version) -> {
      if (live.contains(table) && find(table).map(t -> t.root().equals(s.roots().get(table))).orElse(false)) {
        out.put(table, version);
      }
    });
    return out;
  }

  /**
   * Table {@code table} as the named snapshot {@code snapshot} pinned it: the snapshot's object and
   * the pinned record (two reads, plus the catalog lookup of the table).
   *
   * @throws FloeException {@link ErrorCode#SNAPSHOT_NOT_FOUND} (42704) if there is no such
   *     snapshot; {@link ErrorCode#TABLE_NOT_FOUND} (42P01) if the snapshot holds no table of that
   *     name (it was created later) or the table was dropped since (a table created again under
   *     the name is another table)
   */
  public TableVersion atSnapshot(String snapshot, String table) {
    Snapshot s = snapshots.get(snapshot);
    Long version = s.versions().get(table);
    if (version == null) {
      throw new FloeException(ErrorCode.TABLE_NOT_FOUND, null, "snapshot '" + snapshot + "' holds no table '"
          + table + "' (it holds " + new java.util.TreeSet<>(s.versions().keySet()) + "); the table was created"
          + " after the snapshot, or the name is misspelt (names are case-sensitive here)", null);
    }
    Optional<Table> t = find(table);
    if (t.isEmpty() || !t.get().root().equals(s.roots().get(table))) {
      throw new FloeException(ErrorCode.TABLE_NOT_FOUND, null, "table '" + table + "' of snapshot '" + snapshot
          + "' was dropped after the snapshot was taken" + (t.isEmpty() ? "" : " (the table of that name now is"
          + " another one)") + "; its pinned version " + version + " cannot be read by name", null);
    }
    return t.get().version(version);
  }

  /**
   * Drops the snapshot {@code name}.
   *
   * @throws FloeException {@link ErrorCode#SNAPSHOT_NOT_FOUND} if there is none
   */
  public void dropSnapshot(String name) {
    snapshots.drop(name);
  }

  /** The root's persistent views ({@code views/}, docs/format.md §2.5). */
  public Views views() {
    return views;
  }

  /** The objects under {@code name}'s root that no version references. */
  public OrphanReport orphans(String name) {
    return OrphanFinder.find(table(name));
  }

  /**
   * Why a commit has no store time to stamp: the hint write that learns it failed. On a read-only
   * client that is the write gate ({@link ErrorCode#READ_ONLY}); otherwise a store failure worth
   * retrying.
   */
  private static FloeException noStoreTime(Env env, TableLayout layout) {
    boolean readOnly = env.raw() instanceof WriteGate g && !g.writable();
    return new FloeException(readOnly ? ErrorCode.READ_ONLY : ErrorCode.STORE_ERROR, layout.root() + "/log/_head",
        readOnly ? "cannot commit to '" + layout.root() + "' in " + env.location() + ": this client is read-only (a"
            + " readOnly or snapshot connection); open a writable connection to change the store"
            : "could not learn the store's time in " + env.location() + " (writing the hint of '" + layout.root()
            + "' failed), so nothing was committed; try again", null);
  }

  /** Builds the record of {@code version} from a change, with the HLC from the store's clock. */
  static CommitRecord record(Env env, long version, long parentHlc, Statement st, Operation op,
      Changes.Change ch, TableLayout layout) {
    return record(env, version, parentHlc, st, op, ch, layout, java.util.Map.of());
  }

  /**
   * As above, with the versions of other tables a reader of the new version must read at least
   * ({@link CommitRecord#requires}); the record is a participant of {@code st}'s transaction, if any.
   */
  static CommitRecord record(Env env, long version, long parentHlc, Statement st, Operation op,
      Changes.Change ch, TableLayout layout, java.util.Map<String, Long> requires) {
    Instant storeNow = env.clock().now().orElseThrow(() -> noStoreTime(env, layout));
    env.clock().check(storeNow, env.location() + "/" + layout.root());
    return new CommitRecord(version, version - 1, st.txn, op, ch.manifests(), ch.schema(), ch.schemaId(),
        ch.rowCount(), Hlc.next(parentHlc, storeNow), env.options().writerId(), ch.added(), ch.removed(),
        st.transaction, requires);
  }

  /**
   * Releases the client's Arrow memory and, if it opened the store, the store.
   *
   * @throws IllegalStateException if batches of a scan were not closed (leaked Arrow memory)
   */
  @Override
  public void close() {
    try {
      env.allocator().close();
    } finally {
      if (ownsStore) {
        opened.close();
      }
    }
  }

  /** The Arrow allocator scans use by default; closed with this client. */
  public org.apache.arrow.memory.BufferAllocator allocator() {
    return env.allocator();
  }
}
