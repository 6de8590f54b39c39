package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.commit.CommitStateUnknownException;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.TxnId;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.UnknownOutcomeException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads and writes {@link Decision} objects. A decision, once present, never changes, so reads of
 * present decisions are served by the client's cache of immutable objects; an absent one is asked
 * of the store every time.
 */
final class Decisions {
  private static final int FORMAT = 1;

  private final Env env;

  Decisions(Env env) {
    this.env = env;
  }

  /**
   * The decision of {@code txn}, if one has been made.
   *
   * @throws dev.floe.storage.commit.FloeException if the store fails or the object is damaged
   */
  Optional<Decision> read(TxnId txn) {
    String key = Decision.key(txn);
    try {
      Decision d = decode(key, env.store().get(key));
      if (!d.txn().equals(txn)) {
        throw StoreErrors.corrupt(key, env.location(), "transaction decision",
            new IllegalArgumentException("it decides transaction " + d.txn() + ", not " + txn));
      }
      return Optional.of(d);
    } catch (ObjectNotFoundException e) {
      return Optional.empty();
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
  }

  /**
   * Makes {@code d} the decision of its transaction unless one was made already, and returns the
   * decision that stands: {@code d}, or the one that was there first. A lost reply is settled by
   * putting the same bytes again until the key is taken, then reading it.
   *
   * @throws CommitStateUnknownException if the store could not be asked whether a decision stands
   * @throws dev.floe.storage.commit.FloeException if the store refuses the write (read-only, denied)
   */
  Decision decide(Decision d) {
    String key = Decision.key(d.txn());
    byte[] bytes = encode(d);
    StoreException last = null;
    int attempts = env.options().commit().settleAttempts();
    for (int i = 0; i <= attempts; i++) {
      if (i > 0) {
        env.options().commit().settleBackoff().sleepBefore(Math.min(i + 1, 30));
      }
      try {
        if (env.store().putIfAbsent(key, bytes) == CreateResult.CREATED) {
          return d;
        }
        return read(d.txn()).orElseThrow(() -> new ObjectNotFoundException(env.location(), key));
      } catch (UnknownOutcomeException e) {
        last = e;
      } catch (StoreException e) {
        if (!e.kind().retryable()) {
          throw StoreErrors.wrap(e);
        }
        last = e;
      } catch (dev.floe.storage.commit.FloeException e) {
        if (!(e.getCause() instanceof StoreException s) || !s.kind().retryable()) {
          throw e;
        }
        last = s;
      }
    }
    throw new CommitStateUnknownException(key, "the decision of transaction " + d.txn() + " ('" + key
        + "' in " + env.location() + ") has an unknown outcome: the store did not confirm the write and could"
        + " not be asked again (" + last.getMessage() + "); the transaction may or may not have committed;"
        + " read its tables to find out, and do not assume either", last);
  }

  private static byte[] encode(Decision d) {
    ObjectNode o = Json.object();
    o.put("format", FORMAT);
    o.put("txnId", d.txn().value());
    o.put("state", d.committed() ? "COMMITTED" : "ABORTED");
    ObjectNode v = o.putObject("versions");
    d.versions().forEach(v::put);
    o.put("writerId", d.writerId());
    return Json.bytes(o);
  }

  private Decision decode(String key, byte[] bytes) {
    JsonNode o = Json.parse(key, env.location(), "transaction decision", bytes, env.legacyJson());
    try {
      if (Json.req(o, "format").asInt() != FORMAT) {
        throw new IllegalArgumentException("unknown decision format " + o.get("format"));
      }
      String state = Json.req(o, "state").asText();
      if (!state.equals("COMMITTED") && !state.equals("ABORTED")) {
        throw new IllegalArgumentException("unknown decision state " + state);
      }
      TreeMap<String, Long> versions = new TreeMap<>();
      Json.req(o, "versions").fields().forEachRemaining(f -> versions.put(f.getKey(), f.getValue().asLong()));
      return new Decision(new TxnId(Json.req(o, "txnId").asText()), state.equals("COMMITTED"), versions,
          Json.req(o, "writerId").asText());
    } catch (RuntimeException e) {
      throw StoreErrors.corrupt(key, env.location(), "transaction decision", e);
    }
  }
}
