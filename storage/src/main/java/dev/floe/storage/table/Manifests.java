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
    m = ManifestParser.fromBytes(key, env.location(), bytes);
    if (parsed.size() > PARSED_LIMIT) {
      parsed.clear();
    }
    parsed.put(ref.key(), m);
    return m;
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
