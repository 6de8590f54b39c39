package dev.floe.storage.io;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * The only storage Floe relies on: a flat namespace of immutable byte objects under a root.
 *
 * <p>Every guarantee of Floe's commit protocol rests on the contract below. A backend that cannot
 * honour {@link #putIfAbsent} atomically must refuse to open for writing.
 *
 * <p>Keys are relative to the store's root, printable ASCII, validated by {@link ObjectKeys}.
 * Every method throws {@link StoreException} (unchecked) with a {@link StoreException.Kind}; a
 * message names the key and the store's {@link #location()}, never a secret. Implementations are
 * thread-safe.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Reads a whole object.
   *
   * @throws ObjectNotFoundException if no object has this key
   * @throws StoreException for an invalid key, access denied, or a store that stays unreachable
   *     after the bounded retries
   */
  byte[] get(String key);

  /**
   * Reads {@code length} bytes starting at {@code offset}. The range must lie inside the object:
   * a range that ends past the end of the object fails with {@link
   * StoreException.Kind#RANGE_NOT_SATISFIABLE} rather than returning a short read, so a truncated
   * object is never mistaken for data.
   *
   * @throws ObjectNotFoundException if no object has this key
   */
  byte[] get(String key, long offset, int length);

  /**
   * Lists the objects whose key starts with {@code prefix} and sorts strictly after {@code
   * startAfter} (null: from the start), in ascending byte order of the key. The stream is lazy and
   * fetches pages as it is consumed; close it (or consume it fully) to release the underlying
   * request. Each entry carries the object's size and the store's own last-modified time.
   *
   * <p>Consistency: an object whose {@code putIfAbsent} or {@code put} returned before the listing
   * started is listed (read-after-write). Objects written during the listing may or may not appear.
   * Internal files of a backend (temporary files, probes) are never listed.
   */
  Stream<ObjectInfo> list(String prefix, String startAfter);

  /**
   * Creates the object if and only if no object has this key: the only commit primitive.
   *
   * <p>Atomicity: the object becomes visible whole, at once, to every client of the store; of any
   * number of concurrent calls for one key (threads, processes, machines), exactly one returns
   * {@link CreateResult#CREATED}; all others return {@link CreateResult#ALREADY_EXISTS}. An
   * existing object is never overwritten.
   *
   * <p>Durability: a result is returned only once the object (for {@code CREATED}) or the existing
   * object (for {@code ALREADY_EXISTS}) is durable: it survives a crash or power loss of the store.
   *
   * <p>Failure: if the store may have applied the write but cannot confirm it (a reply lost to a
   * timeout or a reset connection after the request was sent; a folder store whose fsync failed
   * after the new name became visible), this throws {@link UnknownOutcomeException}: the caller
   * must settle the outcome itself (by reading the key, or by putting the same bytes again), and
   * must not delete anything on the strength of it. Any other exception means nothing was written.
   *
   * @return whether this call created the object
   */
  CreateResult putIfAbsent(String key, byte[] bytes);

  /**
   * Writes the object, replacing any object with this key. Only for keys that are fresh and unique
   * (a new uuid) and for hints that may be stale. A reader never sees a torn object: it sees the
   * old bytes or the new ones.
   *
   * @return the store's own time of the write (the {@code Date} of its reply, or the file's
   *     modification time), never the client's clock
   */
  Instant put(String key, byte[] bytes);

  /** Deletes the object. Deleting a missing key succeeds (idempotent). */
  void delete(String key);

  /**
   * Deletes the backend's own leftovers that are invisible to {@link #list} and older than {@code
   * before} by the store's own clock: the temp files a killed writer left behind (local folder).
   * Never touches an object that {@code list} shows. Safe with live writers as long as {@code
   * before} is older than any write in flight (VACUUM passes its grace period); a writer whose
   * temp file was removed fails with nothing written. Best effort: a leftover that cannot be
   * deleted is skipped. The default (backends without such leftovers) deletes nothing.
   *
   * @return what was deleted, as paths relative to the store's root
   */
  default java.util.List<String> deleteLeftovers(Instant before) {
    return java.util.List.of();
  }

  /**
   * Where this store lives, for messages and logs: a URL such as {@code s3://bucket/prefix at
   * http://127.0.0.1:9000}, {@code file:/data/floe} or {@code mem:test}. Never contains a secret.
   */
  String location();

  /** Releases connections and threads. Idempotent. Objects written stay written. */
  @Override
  void close();

  /** Outcome of {@link #putIfAbsent}. */
  enum CreateResult {
    /** This call created the object. */
    CREATED,
    /** An object with this key already existed; it was left untouched. */
    ALREADY_EXISTS
  }
}
