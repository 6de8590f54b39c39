package dev.floe.storage.table;

import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.StoreException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes the manifests of one table. Reads go through the client's object cache, and
 * parsed manifests are kept too (they are immutable); a missing or corrupt manifest is an error
 * naming its key.
 */
final class Manifests {
  private static final int PARSED_LIMIT = 4096;

  private final Env env;
  private final TableLayout layout;
  private final Map<String, Manifest> parsed = new ConcurrentHashMap<>();

  Manifests(Env env, TableLayout layout) {
    this.env = env;
    this.layout = layout;
  }

  Manifest load(ManifestRef ref) {
    Manifest m = parsed.get(ref.key());
    if (m != null) {
      return m;
    }
    String key = layout.abs(ref.key());
    byte[] bytes;
    try {
      bytes = env.store().get(key);
    } catch (ObjectNotFoundException e) {
      throw StoreErrors.missing(key, env.location(), "manifest", e);
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    m = ManifestParser.fromBytes(key, env.location(), bytes, env.legacyJson());
    if (parsed.size() > PARSED_LIMIT) {
      parsed.clear();
    }
    parsed.put(ref.key(), m);
    return m;
  }

  /**
   * The manifests of {@code refs}, in order: those not parsed yet are fetched concurrently ({@link
   * Requests}: a cold scan of a table of many appends pays one round trip for up to {@value
   * Requests#IN_FLIGHT} of them, not one each). The first failure, in {@code refs} order, is thrown as {@link #load} throws it.
   */
  java.util.List<Manifest> loadAll(java.util.List<ManifestRef> refs) {
    java.util.List<java.util.concurrent.Future<Manifest>> pending = new java.util.ArrayList<>(refs.size());
    int missing = 0;
    for (ManifestRef ref : refs) {
      missing += parsed.containsKey(ref.key()) ? 0 : 1;
    }
    for (ManifestRef ref : refs) {
      pending.add(missing > 1 && !parsed.containsKey(ref.key()) ? Requests.start(() -> load(ref)) : null);
    }
    java.util.List<Manifest> out = new java.util.ArrayList<>(refs.size());
    for (int i = 0; i < refs.size(); i++) {
      java.util.concurrent.Future<Manifest> f = pending.get(i);
      out.add(f == null ? load(refs.get(i)) : ReadAhead.await(f));
    }
    return out;
  }

  /** Writes {@code m} under a fresh key (plain put: the key is unique) and returns its ref. */
  ManifestRef write(Manifest m) {
    String rel = TableLayout.newManifest();
    try {
      env.store().put(layout.abs(rel), ManifestParser.toBytes(m));
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    }
    parsed.put(rel, m);
    return ManifestRef.of(rel, m);
  }
}
