package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.SequencedLog;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.TxnId;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.UnknownOutcomeException;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Persistent views: per name, a sequence of immutable op objects {@code
 * views/<b32(name)>/<20-digit gen>.json}, each taken by create-if-absent at one more than the
 * highest generation listed; the highest generation is the view's state, either its defining
 * query ({@code "sql"}) or dropped. So CREATE, CREATE OR REPLACE and DROP of one name are
 * serialized by the store (two clients cannot take the same generation), and every client sees the
 * same definitions after one LIST of {@code views/} and one GET per live view. A client that loses
 * a generation to another re-lists and decides again (a plain CREATE then finds the view and fails
 * with 42P07), at most {@link #ATTEMPTS} times.
 *
 * <p>A view's SQL is stored as given (Calcite's rendering of the validated query, identifiers
 * quoted); it is resolved when a statement uses the view, so a view over a dropped table fails only
 * when read. Views and tables share one namespace only as far as the SQL layer checks it: the check
 * and the write are not one atomic step (see docs/format.md §2.5).
 */
public final class Views {
  static final String PREFIX = "views/";
  private static final int ATTEMPTS = 16;

  private final Env env;

  Views(Env env) {
    this.env = env;
  }

  /** One op: the key's name and generation, and its body's query (null for a drop). */
  private record Op(String name, long generation, String key) {}

  /**
   * Creates view {@code name} defined by {@code sql}; with {@code replace}, replaces its definition
   * if it exists.
   *
   * @throws FloeException {@link ErrorCode#TABLE_EXISTS} if the view exists and {@code replace}
   *     is false (or a concurrent creator won)
   */
  public void create(String name, String sql, boolean replace) {
    write(name, sql, replace);
  }

  /**
   * Drops view {@code name}.
   *
   * @return false if there was no such view and {@code ifExists}
   * @throws FloeException {@link ErrorCode#TABLE_NOT_FOUND} if there is no such view and not
   *     {@code ifExists}
   */
  public boolean drop(String name, boolean ifExists) {
    try {
      write(name, null, true);
      return true;
    } catch (FloeException e) {
      if (ifExists && e.code() == ErrorCode.TABLE_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** The defining query of view {@code name}, if it exists: one LIST and one GET. */
  public Optional<String> find(String name) {
    Op latest = latest(name);
    return latest == null ? Optional.empty() : Optional.ofNullable(sqlOf(latest));
  }

  /** Every view's defining query by name, sorted: one LIST of {@code views/}, one GET per view. */
  public SortedMap<String, String> definitions() {
    Map<String, Op> winners = new TreeMap<>();
    try (Stream<ObjectInfo> s = env.store().list(PREFIX, null)) {
      for (ObjectInfo i : (Iterable<ObjectInfo>) s::iterator) {
        Op op = parse(i.key());
        if (op != null) {
          winners.merge(op.name(), op, (a, b) -> a.generation() >= b.generation() ? a : b);
        }
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    SortedMap<String, String> out = new TreeMap<>();
    for (Op op : winners.values()) {
      String sql = sqlOf(op);
      if (sql != null) {
        out.put(op.name(), sql);
      }
    }
    return out;
  }

  /** Takes the next generation of {@code name} with {@code sql} (null: drop), re-deciding on a lost race. */
  private void write(String name, String sql, boolean replace) {
    TableNames.validate(name);
    TxnId txn = TxnId.random();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Op latest = latest(name);
      boolean live = latest != null && sqlOf(latest) != null;
      if (sql != null && live && !replace) {
        throw new FloeException(ErrorCode.TABLE_EXISTS, null, "view '" + name + "' already exists in "
            + env.location() + "; use CREATE OR REPLACE VIEW, DROP VIEW first, or another name", null);
      }
      if (sql == null && !live) {
        throw new FloeException(ErrorCode.TABLE_NOT_FOUND, null, "view '" + name + "' does not exist in "
            + env.location() + "; check the name (unquoted names are lower-cased), or use DROP VIEW IF EXISTS",
            null);
      }
      long g = latest == null ? 1 : latest.generation() + 1;
      String key = namePrefix(name) + SequencedLog.pad(g) + ".json";
      if (put(key, body(name, sql, txn), txn)) {
        return;
      }
      env.options().commit().settleBackoff().sleepBefore(attempt + 1);
    }
    throw new CommitConflictException(true, namePrefix(name), "view '" + name + "' was changed by other"
        + " clients " + ATTEMPTS + " times while this statement tried to change it; nothing was changed;"
        + " run the statement again");
  }

  /** Whether {@code key} now holds this statement's op (created now, or by an attempt whose reply was lost). */
  private boolean put(String key, byte[] body, TxnId txn) {
    try {
      return env.store().putIfAbsent(key, body) == CreateResult.CREATED || txn.equals(owner(key));
    } catch (UnknownOutcomeException e) {
      try {
        return txn.equals(owner(key));
      } catch (ObjectNotFoundException absent) {
        return false; // not written: the caller decides again
      } catch (StoreException e2) {
        throw StoreErrors.wrap(e2);
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  private TxnId owner(String key) {
    return new TxnId(read(key).path("txnId").asText());
  }

  private static byte[] body(String name, String sql, TxnId txn) {
    ObjectNode o = Json.object();
    o.put("format", 1);
    o.put("name", name);
    if (sql == null) {
      o.put("dropped", true);
    } else {
      o.put("sql", sql);
    }
    o.put("txnId", txn.value());
    return Json.bytes(o);
  }

  private Op latest(String name) {
    Op best = null;
    try (Stream<ObjectInfo> s = env.store().list(namePrefix(name), null)) {
      for (ObjectInfo i : (Iterable<ObjectInfo>) s::iterator) {
        Op op = parse(i.key());
        if (op != null && op.name().equals(name) && (best == null || op.generation() > best.generation())) {
          best = op;
        }
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    return best;
  }

  /** The op's query, or null if it drops the view. */
  private String sqlOf(Op op) {
    JsonNode o = read(op.key());
    if (o.path("dropped").asBoolean(false)) {
      return null;
    }
    JsonNode sql = o.get("sql");
    if (sql == null || !sql.isTextual()) {
      throw StoreErrors.corrupt(op.key(), env.location(), "view op",
          new IllegalArgumentException("neither \"sql\" nor \"dropped\""));
    }
    return sql.asText();
  }

  private JsonNode read(String key) {
    try {
      return Json.parse(key, env.location(), "view op", env.store().get(key), env.legacyJson());
    } catch (ObjectNotFoundException e) {
      throw e;
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  private static String namePrefix(String name) {
    return PREFIX + TableNames.b32(name) + "/";
  }

  /** The op a key names, or null for any other key. */
  private static Op parse(String key) {
    if (!key.startsWith(PREFIX) || !key.endsWith(".json")) {
      return null;
    }
    String rest = key.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
      return null;
    }
    String name = TableNames.decode(rest.substring(0, slash));
    String digits = rest.substring(slash + 1, rest.length() - ".json".length());
    long g = dev.floe.storage.commit.SequencedLog.number(digits);
    if (name == null || g < 0) {
      return null;
    }
    return g >= 1 ? new Op(name, g, key) : null;
  }
}
