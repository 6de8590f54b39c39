package dev.floe.storage.sim;

import dev.floe.storage.Column;
import dev.floe.storage.commit.CommitPolicy;
import dev.floe.storage.commit.CommitStateUnknownException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.Pacing;
import dev.floe.storage.io.RetryPolicy;
import dev.floe.storage.io.SimulatedCrash;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import dev.floe.storage.sim.Model.Effect;
import dev.floe.storage.sim.Model.TableState;
import dev.floe.storage.sim.Workload.Op;
import dev.floe.storage.table.FloeOptions;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Snapshot;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableScan;
import dev.floe.storage.table.TableVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * One seed's run of the deterministic simulation (issue 22): 2-4 logical clients, each on its own
 * thread behind the {@link Scheduler}'s baton, run rounds of random operations through the storage
 * API against one in-memory store, while the scheduler loses replies, fails calls with 5xx, delays,
 * pauses clients past VACUUM's grace and crashes them (a crashed client's operation is abandoned
 * and it comes back as a fresh client). After every round a fresh read-only client checks every
 * table against the {@link Model}: the acknowledged operations all landed, the failed ones did not,
 * each unknown one landed whole or not at all (a multi-table transaction in all its tables or in
 * none), every version read before still reads the same by number and by time (or was expired by a
 * VACUUM allowed to), and every named snapshot still reads what it pinned.
 *
 * <p>Everything (interleaving, faults, simulated time, ids) follows from the seed, so a failing
 * seed replays exactly: {@link #run} throws {@link SimulationFailure} naming the seed.
 */
final class Simulation {
  static final int MAX_TURNS_PER_ROUND = 50_000;

  /** Outcome of one client's operation. */
  enum Status { OK, FAILED, UNKNOWN }

  /** Thrown when the store disagrees with the model; names the seed and the command that replays it. */
  static final class SimulationFailure extends AssertionError {
    private static final long serialVersionUID = 1L;
    final long seed;

    SimulationFailure(long seed, String message, Throwable cause) {
      super("seed " + seed + ": " + message + "\n  replay exactly this seed with:\n    mvn -B -pl storage -am verify"
          + " -Dtest=SimulationTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dfloe.sim.seed=" + seed, cause);
      this.seed = seed;
    }
  }

  /** What a run did, for the figures. */
  record Result(long seed, int rounds, int ops, int ok, int failed, int unknown, int crashes, int turns, SimConfig config,
      List<String> trace) {}

  private final long seed;
  private final SimConfig config;
  private final Scheduler scheduler;
  private final Workload workload;
  private final ObjectStore shared;
  private final String namespace;
  private final FaultInjectingStore[] stores;
  private final FloeStore[] clients;
  private TreeMap<String, TableState> model = new TreeMap<>();
  /** CREATEs with an unknown outcome not yet visible: a later CREATE of the name may roll them forward. */
  private final Map<String, List<Map<Long, Long>>> pendingCreates = new TreeMap<>();
  /** Versions read at a round's end, by table root and version: what they must read forever (or be expired). */
  private final Map<String, TreeMap<Long, Seen>> seen = new TreeMap<>();
  /** What each snapshot's tables read the first time, by snapshot + table. */
  private final Map<String, TableState> pinned = new HashMap<>();
  /** Tables on which a VACUUM that may expire versions ran. */
  private final Set<String> expiring = new HashSet<>();
  private final List<String> log = new ArrayList<>();
  private int ok;
  private int failed;
  private int unknown;
  private int crashes;
  private int ops;

  private record Seen(TableState state, Instant at) {}

  Simulation(long seed, int rounds) {
    this(seed, rounds, Boolean.getBoolean("floe.sim.traceAll"));
  }

  /** A run that records every turn if {@code traceAll} (two runs of one seed must record the same). */
  Simulation(long seed, int rounds, boolean traceAll) {
    this.seed = seed;
    java.util.Random setup = new java.util.Random(SimConfig.mix(seed));
    this.config = SimConfig.of(setup, rounds);
    this.scheduler = new Scheduler(seed, config.clients(), config, traceAll);
    this.workload = new Workload(scheduler.rng(), config.grace());
    // one name per seed (in messages, so two runs of a seed must share it); discarded after the run
    this.namespace = "sim-" + seed;
    this.shared = MemoryStore.open(namespace, scheduler.clock());
    this.stores = new FaultInjectingStore[config.clients()];
    this.clients = new FloeStore[config.clients()];
  }

  /** Runs the seed; throws {@link SimulationFailure} on the first disagreement. */
  Result run() {
    try {
      for (int round = 0; round < config.rounds(); round++) {
        round(round);
      }
      if (Boolean.getBoolean("floe.sim.verbose")) {
        System.out.println("seed " + seed + " " + config);
        log.forEach(l -> System.out.println("  " + l));
        scheduler.trace().forEach(l -> System.out.println("  " + l));
      }
      List<String> trace = new ArrayList<>(log);
      trace.addAll(scheduler.trace());
      return new Result(seed, config.rounds(), ops, ok, failed, unknown, crashes, scheduler.turns(), config, trace);
    } catch (SimulationFailure e) {
      throw e;
    } catch (RuntimeException | Error e) {
      throw fail("the simulation itself failed: " + e, e);
    } finally {
      MemoryStore.discard(namespace);
    }
  }

  private void round(int round) {
    int n = config.clients();
    Op[] opsOfRound = new Op[n];
    Status[] status = new Status[n];
    Throwable[] errors = new Throwable[n];
    Thread[] threads = new Thread[n];
    workload.beginRound();
    for (int c = 0; c < n; c++) {
      opsOfRound[c] = workload.next(model);
      log.add("round " + round + " client " + c + ": " + opsOfRound[c].text());
    }
    for (int c = 0; c < n; c++) {
      scheduler.starting(c); // all of them before any thread runs: a pick waits for every client
    }
    for (int c = 0; c < n; c++) {
      int client = c;
      threads[c] = new Thread(() -> {
        Pacing.install(scheduler.pacer(client));
        try {
          status[client] = execute(client, opsOfRound[client], errors);
        } finally {
          scheduler.finished(client);
        }
      }, "sim-client-" + c);
      threads[c].setDaemon(true);
      threads[c].start();
    }
    long r0 = System.nanoTime();
    boolean done = scheduler.runUntilAllDone(MAX_TURNS_PER_ROUND);
    RUN_NANOS.addAndGet(System.nanoTime() - r0);
    if (!done) {
      throw fail("round " + round + " did not finish within " + MAX_TURNS_PER_ROUND + " store calls (livelock?)", null);
    }
    for (Thread t : threads) {
      try {
        t.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<Effect> must = new ArrayList<>();
    List<Effect> may = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      ops++;
      Op op = opsOfRound[c];
      log.add("round " + round + " client " + c + ": " + status[c]
          + (errors[c] == null ? "" : " (" + oneLine(errors[c]) + ")"));
      if (status[c] == null) {
        throw fail("client " + c + " ended without an outcome", errors[c]);
      }
      switch (status[c]) {
        case OK -> {
          ok++;
          must.add(op.effect());
        }
        case UNKNOWN -> {
          unknown++;
          may.add(op.effect());
        }
        default -> failed++;
      }
      if (status[c] != Status.FAILED && op.expires()) {
        expiring.add(op.text().split(" ")[1]);
      }
      if (op.createdName() != null) {
        for (Map<Long, Long> rows : pendingCreates.getOrDefault(op.createdName(), List.of())) {
          may.add(Model.create(op.createdName(), rows));
        }
      }
    }
    long t0 = System.nanoTime();
    check(round, must, may, opsOfRound, status);
    CHECK_NANOS.addAndGet(System.nanoTime() - t0);
  }

  static final AtomicLong CHECK_NANOS = new AtomicLong();
  static final AtomicLong RUN_NANOS = new AtomicLong();

  private Status execute(int c, Op op, Throwable[] errors) {
    try {
      if (clients[c] == null || stores[c].crashed()) {
        // each incarnation its own faulty view of the shared store: every call first waits for the
        // baton, then suffers the fault the scheduler drew; once crashed, every later call throws
        stores[c] = FaultInjectingStore.drivenBy(shared, (call, key) -> scheduler.turn(c, call, key, 0));
        clients[c] = FloeStore.open(stores[c], options(c));
      }
      op.action().accept(clients[c]);
      return Status.OK;
    } catch (SimulatedCrash e) {
      errors[c] = e;
      crashes++;
      return Status.UNKNOWN;
    } catch (CommitStateUnknownException e) {
      errors[c] = e;
      return Status.UNKNOWN;
    } catch (FloeException | StoreException e) {
      errors[c] = e;
      if (stores[c] != null && stores[c].crashed()) {
        crashes++;
        return Status.UNKNOWN; // a crash inside a task whose failure was wrapped
      }
      return Status.FAILED;
    } catch (RuntimeException | Error e) {
      errors[c] = e;
      if (stores[c] != null && stores[c].crashed()) {
        crashes++;
        return Status.UNKNOWN;
      }
      return null; // an internal error: reported by the round
    }
  }

  private FloeOptions options(int c) {
    RetryPolicy quick = new RetryPolicy(100, Duration.ZERO, Duration.ZERO);
    return FloeOptions.defaults()
        .withCommit(new CommitPolicy(quick, 8, new RetryPolicy(8, Duration.ZERO, Duration.ZERO)))
        .withRowsPerSegment(16)
        .withManifestBound(4)
        .withClientClock(scheduler.clock())
        .withTransactionTimeout(Duration.ofSeconds(1))
        .withWriterId("client-" + c);
  }

  /** Reads the whole root with a fresh read-only client and holds it against the model. */
  private void check(int round, List<Effect> must, List<Effect> may, Op[] opsOfRound, Status[] status) {
    Pacing.install(checkerPacer());
    try (FloeStore reader = FloeStore.open(shared, options(-1), true)) {
      TreeMap<String, TableState> observed = new TreeMap<>();
      Map<String, TableVersion> heads = new TreeMap<>();
      for (String name : Workload.NAMES) {
        Optional<Table> t = reader.find(name);
        if (t.isPresent()) {
          TableVersion v = t.get().latest();
          heads.put(name, v);
          observed.put(name, read(v));
        }
      }
      if (!Model.explains(model, must, may, observed)) {
        throw fail("after round " + round + " the tables hold\n    " + observed + "\n  but the model started the round"
            + " with\n    " + model + "\n  and no order of the operations that landed explains it", null);
      }
      for (int c = 0; c < opsOfRound.length; c++) {
        String name = opsOfRound[c].createdName();
        if (name != null && status[c] == Status.UNKNOWN && !observed.containsKey(name)) {
          Map<Long, Long> rows = new TreeMap<>();
          // the rows it would have created: what its effect puts under the name
          TableState would = opsOfRound[c].effect().apply(new TreeMap<>()).get(name);
          rows.putAll(would.rows());
          pendingCreates.computeIfAbsent(name, k -> new ArrayList<>()).add(rows);
        }
      }
      observed.keySet().forEach(pendingCreates::remove);
      model = observed;
      for (Map.Entry<String, TableVersion> h : heads.entrySet()) {
        TableVersion v = h.getValue();
        Seen before = seen.computeIfAbsent(v.table().root(), k -> new TreeMap<>())
            .put(v.version(), new Seen(observed.get(h.getKey()), v.timestamp()));
        if (before != null && !before.state().equals(observed.get(h.getKey()))) {
          throw fail("version " + v.version() + " of " + h.getKey() + " read " + before.state() + " and now, still the"
              + " latest, reads " + observed.get(h.getKey()), null);
        }
      }
      checkHistory(reader, heads);
      checkSnapshots(reader);
    } catch (SimulationFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw fail("after round " + round + " reading the tables failed: " + e, e);
    } finally {
      Pacing.install(null);
    }
  }

  /** Versions read at earlier rounds' ends still read the same, by number and by time, unless expired. */
  private void checkHistory(FloeStore reader, Map<String, TableVersion> heads) {
    java.util.Random pickRng = new java.util.Random(seed + scheduler.turns());
    for (Map.Entry<String, TableVersion> h : heads.entrySet()) {
      Table t = h.getValue().table();
      TreeMap<Long, Seen> versions = seen.get(t.root());
      List<Long> all = new ArrayList<>(versions.keySet());
      if (!all.isEmpty()) {
        long v = all.get(pickRng.nextInt(all.size()));
        Seen expected = versions.get(v);
        boolean byTime = pickRng.nextBoolean();
        try {
          TableState now = read(byTime ? t.asOf(expected.at()) : t.version(v));
          if (!now.equals(expected.state())) {
            throw fail("version " + v + " of " + h.getKey() + " read " + expected.state() + " when it was the latest, and"
                + " now reads " + now + (byTime ? " AS OF " + expected.at() : " by number"), null);
          }
        } catch (FloeException e) {
          boolean head = v == h.getValue().version();
          if (e.code() == ErrorCode.VERSION_EXPIRED && !head && expiring.contains(h.getKey())) {
            versions.remove(v); // expired by a VACUUM with a retention policy: it stays expired
            continue;
          }
          throw fail("version " + v + " of " + h.getKey() + " (read when it was the latest) cannot be read: " + e, e);
        }
      }
    }
  }

  /** Every snapshot still reads what it read the first time, and is never expired. */
  private void checkSnapshots(FloeStore reader) {
    for (Snapshot s : reader.snapshots()) {
      for (Map.Entry<String, Long> e : s.versions().entrySet()) {
        Optional<Table> t = reader.find(e.getKey());
        if (t.isEmpty() || !t.get().root().equals(s.roots().get(e.getKey()))) {
          continue; // dropped since: the snapshot no longer reads it by name
        }
        TableState now;
        try {
          now = read(reader.atSnapshot(s.name(), e.getKey()));
        } catch (FloeException ex) {
          throw fail("snapshot " + s.name() + " pins version " + e.getValue() + " of " + e.getKey()
              + " but it cannot be read: " + ex, ex);
        }
        String key = s.name() + "/" + s.roots().get(e.getKey());
        TableState first = pinned.putIfAbsent(key, now);
        Seen atEnd = seen.getOrDefault(s.roots().get(e.getKey()), new TreeMap<>()).get(e.getValue());
        if (first != null && !first.equals(now) || atEnd != null && !atEnd.state().equals(now)) {
          throw fail("snapshot " + s.name() + " of " + e.getKey() + " read " + (first != null ? first : atEnd.state())
              + " and now reads " + now, null);
        }
      }
    }
  }

  /** A version's content: its columns, its rows (id to val); every added column must read NULL. */
  private TableState read(TableVersion v) {
    List<String> columns = v.schema().columns().stream().map(Column::name).toList();
    TreeMap<Long, Long> rows = new TreeMap<>();
    try (TableScan scan = v.scan(columns, Predicate.TRUE)) {
      while (scan.hasNext()) {
        try (SegmentBatch b = scan.next()) {
          int[] sel = b.selection();
          int count = sel == null ? b.rowCount() : sel.length;
          List<FieldVector> vectors = b.root().getFieldVectors();
          for (int i = 0; i < count; i++) {
            int row = sel == null ? i : sel[i];
            long id = ((BigIntVector) vectors.get(0)).get(row);
            BigIntVector val = (BigIntVector) vectors.get(1);
            if (rows.containsKey(id)) {
              throw fail("version " + v.version() + " of " + v.table().name() + " holds id " + id + " twice", null);
            }
            rows.put(id, val.isNull(row) ? null : val.get(row));
            for (int c = 2; c < vectors.size(); c++) {
              if (!vectors.get(c).isNull(row)) {
                throw fail("added column " + columns.get(c) + " of " + v.table().name() + " reads "
                    + vectors.get(c).getObject(row) + " for id " + id + "; nothing ever wrote it", null);
              }
            }
          }
        }
      }
    }
    return new TableState(columns, rows);
  }

  private Pacing.Pacer checkerPacer() {
    return new Pacing.Pacer() {
      @Override
      public long nanoTime() {
        return scheduler.nanos();
      }

      @Override
      public void sleep(Duration d) {}

      @Override
      public UUID uuid() {
        return new UUID(0, 0);
      }
    };
  }

  private SimulationFailure fail(String message, Throwable cause) {
    StringBuilder b = new StringBuilder(message).append("\n  config ").append(config).append("\n  operations:");
    int from = Math.max(0, log.size() - 40);
    for (String l : log.subList(from, log.size())) {
      b.append("\n    ").append(l);
    }
    List<String> trace = scheduler.trace();
    b.append("\n  last faults:");
    for (String l : trace.subList(Math.max(0, trace.size() - 15), trace.size())) {
      b.append("\n    ").append(l);
    }
    return new SimulationFailure(seed, b.toString(), cause);
  }

  private static String oneLine(Throwable e) {
    String m = e.getClass().getSimpleName() + ": " + e.getMessage();
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }
}
