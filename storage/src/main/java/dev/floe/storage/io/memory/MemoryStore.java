package dev.floe.storage.io.memory;

import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectKeys;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * An object store in this JVM's memory ({@code mem:NAME}). Every store opened with the same name
 * shares one namespace until {@link #discard(String)}; it lives as long as the JVM.
 *
 * <p>{@code putIfAbsent} is {@link ConcurrentSkipListMap#putIfAbsent}: atomic across threads.
 * Objects are copied in and out, so callers can never alter stored bytes. Store time is this JVM's
 * clock, which for an in-memory store is the store's own clock.
 */
public final class MemoryStore implements ObjectStore {
  private static final ConcurrentMap<String, ConcurrentSkipListMap<String, Entry>> NAMESPACES =
      new ConcurrentHashMap<>();

  private record Entry(byte[] bytes, Instant lastModified) {}

  private final String name;
  private final ConcurrentSkipListMap<String, Entry> objects;
  private final Clock clock;
  private volatile boolean closed;

  private MemoryStore(String name, ConcurrentSkipListMap<String, Entry> objects, Clock clock) {
    this.name = name;
    this.objects = objects;
    this.clock = clock;
  }

  /** Opens (creating if needed) the namespace {@code name}. */
  public static MemoryStore open(String name) {
    return open(name, Clock.systemUTC());
  }

  /** Opens the namespace {@code name}, stamping writes with {@code storeClock}. */
  public static MemoryStore open(String name, Clock storeClock) {
    return new MemoryStore(name, NAMESPACES.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>()), storeClock);
  }

  /** Forgets every object of namespace {@code name}; stores already open keep the old objects. */
  public static void discard(String name) {
    NAMESPACES.remove(name);
  }

  @Override
  public byte[] get(String key) {
    return entry(key).bytes().clone();
  }

  @Override
  public byte[] get(String key, long offset, int length) {
    byte[] bytes = entry(key).bytes();
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new StoreException(
          StoreException.Kind.RANGE_NOT_SATISFIABLE,
          key,
          "cannot read bytes [" + offset + ", " + (offset + length) + ") of '" + key + "' in "
              + location() + ": the object is " + bytes.length + " bytes long");
    }
    byte[] out = new byte[length];
    System.arraycopy(bytes, (int) offset, out, 0, length);
    return out;
  }

  @Override
  public Stream<ObjectInfo> list(String prefix, String startAfter) {
    checkOpen();
    String p = ObjectKeys.validatePrefix(prefix);
    String from = startAfter != null && startAfter.compareTo(p) >= 0 ? startAfter : null;
    var tail = from == null ? objects.tailMap(p, true) : objects.tailMap(from, false);
    return tail.entrySet().stream()
        .takeWhile(e -> e.getKey().startsWith(p))
        .map(e -> new ObjectInfo(e.getKey(), e.getValue().bytes().length, e.getValue().lastModified()));
  }

  @Override
  public CreateResult putIfAbsent(String key, byte[] bytes) {
    checkOpen();
    ObjectKeys.validate(key);
    Entry prev = objects.putIfAbsent(key, new Entry(bytes.clone(), clock.instant()));
    return prev == null ? CreateResult.CREATED : CreateResult.ALREADY_EXISTS;
  }

  @Override
  public Instant put(String key, byte[] bytes) {
    checkOpen();
    ObjectKeys.validate(key);
    Instant now = clock.instant();
    objects.put(key, new Entry(bytes.clone(), now));
    return now;
  }

  @Override
  public void delete(String key) {
    checkOpen();
    ObjectKeys.validate(key);
    objects.remove(key);
  }

  @Override
  public String location() {
    return "mem:" + name;
  }

  @Override
  public void close() {
    closed = true;
  }

  private Entry entry(String key) {
    checkOpen();
    ObjectKeys.validate(key);
    Entry e = objects.get(key);
    if (e == null) {
      throw new ObjectNotFoundException(location(), key);
    }
    return e;
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreException(
          StoreException.Kind.INVALID_CONFIGURATION, null,
          "store " + location() + " is closed; open it again to use it");
    }
  }

  @Override
  public String toString() {
    return "MemoryStore[" + location() + "]";
  }
}
