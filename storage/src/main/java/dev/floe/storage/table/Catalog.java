package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.CommitStateUnknownException;
import dev.floe.storage.commit.SequencedLog;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.TxnId;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.UnknownOutcomeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The catalog: a grow-only set of immutable op objects under {@code catalog/}, whose state is a
 * pure fold of the set: per name, the op with the highest generation wins. Merging is set union,
 * so any number of clients agree whatever order they list in. A generation is taken by
 * create-if-absent of its op key; since the kind of op at a generation is fixed by its parity, two
 * racing creators (or droppers) write the same key and exactly one wins.
 *
 * <p>Folds ({@code catalog/_folded/<20-digit n>.json}, create-if-absent) record the state at some
 * point so that old ops may be deleted; readers merge the latest fold with the ops they list,
 * highest generation per name winning. The latest op of a name is never deleted.
 */
final class Catalog {
  static final String FOLDED = CatalogOp.PREFIX + "_folded/";

  private final Env env;

  Catalog(Env env) {
    this.env = env;
  }

  /** The latest op of {@code name}, by one listing of its ops. */
  Optional<CatalogOp> latest(String name) {
    CatalogOp best = null;
    try (Stream<ObjectInfo> s = env.store().list(CatalogOp.namePrefix(name), null)) {
      for (ObjectInfo i : (Iterable<ObjectInfo>) s::iterator) {
        CatalogOp op = CatalogOp.parse(i.key());
        if (op != null && op.name().equals(name) && (best == null || op.generation() > best.generation())) {
          best = op;
        }
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    return Optional.ofNullable(best);
  }

  /** The whole catalog, name to winning op: one listing of {@code catalog/}, plus the latest fold. */
  TreeMap<String, CatalogOp> state() {
    TreeMap<String, CatalogOp> state = new TreeMap<>();
    String fold = null;
    try (Stream<ObjectInfo> s = env.store().list(CatalogOp.PREFIX, null)) {
      for (ObjectInfo i : (Iterable<ObjectInfo>) s::iterator) {
        if (i.key().startsWith(FOLDED)) {
          if (foldNumber(i.key()) >= 0) { // anything else under _folded/ is foreign (an old clock probe)
            fold = i.key();
          }
        } else {
          merge(state, CatalogOp.parse(i.key()));
        }
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    if (fold != null) {
      for (CatalogOp op : readFold(fold)) {
        merge(state, op);
      }
    }
    return state;
  }

  private static void merge(Map<String, CatalogOp> state, CatalogOp op) {
    if (op != null) {
      state.merge(op.name(), op, (a, b) -> a.generation() >= b.generation() ? a : b);
    }
  }

  /**
   * Takes {@code op}'s generation for statement {@code txn} by create-if-absent.
   *
   * @return true if the op is this statement's (created now, by an earlier attempt, or rolled
   *     forward by another client on its behalf); false if another statement holds it
   * @throws CommitStateUnknownException if a lost reply could not be settled
   */
  boolean put(CatalogOp op, TxnId txn) {
    byte[] body = body(txn);
    String key = op.key();
    StoreException last = null;
    for (int attempt = 1; attempt <= env.options().commit().settleAttempts(); attempt++) {
      try {
        if (env.store().putIfAbsent(key, body) == CreateResult.CREATED) {
          return true;
        }
        return txn.equals(owner(op));
      } catch (UnknownOutcomeException e) {
        last = e;
      } catch (StoreException e) {
        if (!e.kind().retryable()) {
          throw StoreErrors.wrap(e);
        }
        last = e;
      }
      env.options().commit().settleBackoff().sleepBefore(attempt + 1);
    }
    throw new CommitStateUnknownException(key, "the catalog op '" + key + "' of statement " + txn
        + " has an unknown outcome: the store did not confirm it (" + last.getMessage() + "); list"
        + " the catalog to find out whether it landed", last);
  }

  /** The txnId written into an op. */
  TxnId owner(CatalogOp op) {
    String key = op.key();
    JsonNode o = Json.parse(key, env.location(), "catalog op", env.store().get(key), env.legacyJson());
    try {
      return new dev.floe.storage.commit.TxnId(Json.req(o, "txnId").asText());
    } catch (RuntimeException e) {
      throw StoreErrors.corrupt(key, env.location(), "catalog op", e);
    }
  }

  private static byte[] body(TxnId txn) {
    ObjectNode o = Json.object();
    o.put("txnId", txn.value());
    return Json.bytes(o);
  }

  /**
   * A stale winner voids itself: after winning {@code won}, re-lists the name's ops; if a higher
   * generation exists, the win is void (readers ignore it anyway).
   *
   * @throws CommitConflictException (not retryable) if the win is void
   */
  void checkNotStale(CatalogOp won) {
    CatalogOp latest = latest(won.name()).orElse(won);
    if (latest.generation() > won.generation()) {
      throw new CommitConflictException(false, won.key(),
          "the catalog op '" + won.key() + "' landed at a generation older than the name's latest"
              + " op '" + latest.key() + "' (this client's view of the catalog was stale), so it"
              + " has no effect; nothing was changed; run the statement again");
    }
  }

  /**
   * Writes a fold of the current state as {@code catalog/_folded/<n>.json}, n one more than the
   * latest fold, by create-if-absent (a concurrent folder may win; either fold is correct).
   *
   * @return the fold's number
   */
  long fold() {
    TreeMap<String, CatalogOp> state = state();
    long n = 1;
    try (Stream<ObjectInfo> s = env.store().list(FOLDED, null)) {
      for (ObjectInfo i : (Iterable<ObjectInfo>) s::iterator) {
        n = Math.max(n, foldNumber(i.key()) + 1);
      }
    }
    ObjectNode o = Json.object();
    o.put("format", 1);
    o.put("n", n);
    ArrayNode a = o.putArray("ops");
    for (CatalogOp op : state.values()) {
      a.add(op.key());
    }
    env.store().putIfAbsent(FOLDED + SequencedLog.pad(n) + ".json", Json.bytes(o));
    return n;
  }

  /**
   * Deletes ops that a fold covers and that are not the latest op of their name, if the store
   * wrote them longer than {@code grace} ago (by the store's own times).
   *
   * @return the keys deleted
   */
  List<String> pruneFolded(Duration grace, Instant storeNow) {
    TreeMap<String, CatalogOp> state = state();
    List<String> deleted = new ArrayList<>();
    List<ObjectInfo> all;
    try (Stream<ObjectInfo> s = env.store().list(CatalogOp.PREFIX, null)) {
      all = s.toList();
    }
    String fold = all.stream().map(ObjectInfo::key).filter(k -> foldNumber(k) >= 0).reduce((x, y) -> y).orElse(null);
    if (fold == null) {
      return deleted;
    }
    java.util.Set<String> folded = new java.util.HashSet<>();
    readFold(fold).forEach(op -> folded.add(op.key()));
    for (ObjectInfo i : all) {
      CatalogOp op = CatalogOp.parse(i.key());
      if (op == null || !i.lastModified().isBefore(storeNow.minus(grace))) {
        continue;
      }
      CatalogOp winner = state.get(op.name());
      CatalogOp foldedWinner = folded.contains(winner.key()) ? winner : null;
      if (foldedWinner != null && op.generation() < winner.generation()) {
        env.store().delete(i.key());
        deleted.add(i.key());
      }
    }
    return deleted;
  }

  /** The number of a fold's key, or -1 if the key is not a fold ({@code _folded/<20 digits>.json}). */
  static long foldNumber(String key) {
    if (!key.startsWith(FOLDED) || !key.endsWith(".json") || key.length() != FOLDED.length() + 20 + ".json".length()) {
      return -1;
    }
    return SequencedLog.number(key.substring(FOLDED.length(), FOLDED.length() + 20));
  }

  private List<CatalogOp> readFold(String key) {
    JsonNode o = Json.parse(key, env.location(), "catalog fold", env.store().get(key), env.legacyJson());
    List<CatalogOp> ops = new ArrayList<>();
    try {
      for (JsonNode k : Json.req(o, "ops")) {
        CatalogOp op = CatalogOp.parse(k.asText());
        if (op == null) {
          throw new IllegalArgumentException("'" + k.asText() + "' is not a catalog op key");
        }
        ops.add(op);
      }
    } catch (RuntimeException e) {
      throw StoreErrors.corrupt(key, env.location(), "catalog fold", e);
    }
    return ops;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
