package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named snapshots, one immutable object each, {@code snapshots/<name>.json}, created with one
 * create-if-absent (so two clients creating the same name cannot both win) and read uncached (a
 * dropped name can be created again).
 *
 * <p>Creating one races VACUUM, which may be expiring a version the snapshot is about to pin
 * (DESIGN §10.8). Both sides write, then read the other's write: VACUUM commits its record, then
 * reads the snapshots and keeps what a new one pins; the snapshot is written, then the log records
 * after each pinned version are read, and if a VACUUM record expired one, the snapshot is removed
 * again and creation fails with a retryable conflict. Whatever the interleaving, at least one side
 * sees the other, so no snapshot ever pins deleted data.
 */
final class Snapshots {
  static final String PREFIX = "snapshots/";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private final FloeStore store;
  private final Env env;

  Snapshots(FloeStore store, Env env) {
    this.store = store;
    this.env = env;
  }

  private static String key(String name) {
    return PREFIX + name + ".json";
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new FloeException(ErrorCode.INVALID_NAME, null, "'" + name + "' is not a valid snapshot name: use"
          + " 1 to 128 letters, digits, '_', '.' or '-', starting with a letter, digit or '_'", null);
    }
  }

  /**
   * Creates snapshot {@code name} of every table's latest version, the versions one read-atomic cut
   * ({@link ReadCut}).
   *
   * @throws FloeException {@link ErrorCode#SNAPSHOT_EXISTS} if the name is taken
   * @throws CommitConflictException (retryable) if a concurrent VACUUM expired a version it pinned
   */
  Snapshot create(String name) {
    checkName(name);
    Map<String, Long> versions = new LinkedHashMap<>();
    Map<String, String> roots = new LinkedHashMap<>();
    Map<String, Table> tables = new LinkedHashMap<>();
    ReadCut cut = new ReadCut(); // read-atomic: no multi-table transaction in one table and not another
    for (String t : store.tables()) {
      try {
        Table table = store.table(t);
        versions.put(t, cut.latest(t, table::latest).version());
        roots.put(t, table.root());
        tables.put(t, table);
      } catch (FloeException e) {
        if (e.code() != ErrorCode.TABLE_NOT_FOUND) {
          throw e;
        }
      }
    }
    Instant created;
    try {
      created = env.raw().put(PREFIX + "clock", new byte[0]);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    ObjectNode o = Json.object();
    o.put("format", 1);
    o.put("name", name);
    o.put("created", created == null ? 0 : created.toEpochMilli());
    ArrayNode a = o.putArray("tables");
    versions.forEach((t, v) -> a.addObject().put("name", t).put("root", roots.get(t)).put("version", v));
    try {
      if (env.raw().putIfAbsent(key(name), Json.bytes(o)) != CreateResult.CREATED) {
        throw new FloeException(ErrorCode.SNAPSHOT_EXISTS, key(name), "snapshot '" + name
            + "' already exists; drop it first or choose another name", null);
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    for (Map.Entry<String, Table> e : tables.entrySet()) {
      long pinned = versions.get(e.getKey());
      Table t = e.getValue();
      long head = t.head().version();
      for (long w = pinned + 1; w <= head; w++) {
        CommitRecord r = t.loop().read(w).record();
        if (r.operation() == Operation.RECLAIM
            || r.operation() == Operation.VACUUM && Vacuum.announcement(t, r).expired().contains(pinned)) {
          deleteQuietly(key(name));
          throw new CommitConflictException(true, key(name), "snapshot '" + name + "' was not created: a"
              + " concurrent VACUUM expired version " + pinned + " of table '" + e.getKey()
              + "' while it was being created; create it again");
        }
      }
    }
    return new Snapshot(name, created == null ? Instant.EPOCH : created, versions, roots);
  }

  /** Every snapshot, by name. */
  List<Snapshot> list() {
    List<Snapshot> out = new ArrayList<>();
    try (Stream<ObjectInfo> s = env.raw().list(PREFIX, null)) {
      for (ObjectInfo i : (Iterable<ObjectInfo>) s::iterator) {
        if (i.key().endsWith(".json")) {
          try {
            out.add(parse(i.key(), env.raw().get(i.key())));
          } catch (ObjectNotFoundException dropped) {
            // dropped while listing
          }
        }
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    return out;
  }

  /**
   * The snapshot {@code name}.
   *
   * @throws FloeException {@link ErrorCode#SNAPSHOT_NOT_FOUND} if there is none
   */
  Snapshot get(String name) {
    checkName(name);
    try {
      return parse(key(name), env.raw().get(key(name)));
    } catch (ObjectNotFoundException e) {
      throw notFound(name);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  /**
   * Drops snapshot {@code name}; the versions it pinned may expire at the next VACUUM.
   *
   * @throws FloeException {@link ErrorCode#SNAPSHOT_NOT_FOUND} if there is none
   */
  void drop(String name) {
    get(name);
    try {
      env.raw().delete(key(name));
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  /** The versions of the table with root {@code root} that some snapshot pins. */
  Set<Long> pinned(String root) {
    Set<Long> out = new HashSet<>();
    for (Snapshot s : list()) {
      s.roots().forEach((t, r) -> {
        if (r.equals(root)) {
          out.add(s.versions().get(t));
        }
      });
    }
    return out;
  }

  private static FloeException notFound(String name) {
    return new FloeException(ErrorCode.SNAPSHOT_NOT_FOUND, key(name), "snapshot '" + name
        + "' does not exist; list the snapshots with snapshots()", null);
  }

  private Snapshot parse(String key, byte[] bytes) {
    JsonNode o = Json.parse(key, env.location(), "snapshot", bytes, env.legacyJson());
    Map<String, Long> versions = new LinkedHashMap<>();
    Map<String, String> roots = new LinkedHashMap<>();
    for (JsonNode t : Json.req(o, "tables")) {
      versions.put(t.get("name").asText(), t.get("version").asLong());
      roots.put(t.get("name").asText(), t.get("root").asText());
    }
    return new Snapshot(Json.req(o, "name").asText(), Instant.ofEpochMilli(o.path("created").asLong()), versions, roots);
  }

  private void deleteQuietly(String key) {
    try {
      env.raw().delete(key);
    } catch (StoreException e) {
      // a snapshot left behind pins more than needed; drop it by name
    }
  }
}
