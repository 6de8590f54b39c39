package dev.floe.storage.io;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Counts the requests and bytes that pass through to a delegate store, by {@link StoreOp}. A
 * listing counts one request per started stream (paging inside a backend is not seen here).
 * Thread-safe; counts are exact once concurrent calls have returned.
 */
public final class CountingStore extends ForwardingStore {

  /**
   * Counts at one moment.
   *
   * @param requests calls per kind
   * @param bytesRead bytes returned by gets
   * @param bytesWritten bytes passed to puts
   */
  public record Counts(Map<StoreOp, Long> requests, long bytesRead, long bytesWritten) {
    public long requests(StoreOp op) {
      return requests.getOrDefault(op, 0L);
    }

    public long totalRequests() {
      return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The counts accumulated since {@code earlier}. */
    public Counts minus(Counts earlier) {
      Map<StoreOp, Long> diff = new EnumMap<>(StoreOp.class);
      for (StoreOp op : StoreOp.values()) {
        diff.put(op, requests(op) - earlier.requests(op));
      }
      return new Counts(Map.copyOf(diff), bytesRead - earlier.bytesRead, bytesWritten - earlier.bytesWritten);
    }
  }

  private final Map<StoreOp, LongAdder> requests = new EnumMap<>(StoreOp.class);
  private final LongAdder bytesRead = new LongAdder();
  private final LongAdder bytesWritten = new LongAdder();

  public CountingStore(ObjectStore delegate) {
    super(delegate);
    for (StoreOp op : StoreOp.values()) {
      requests.put(op, new LongAdder());
    }
  }

  /** The counts so far. */
  public Counts counts() {
    Map<StoreOp, Long> m = new EnumMap<>(StoreOp.class);
    requests.forEach((op, n) -> m.put(op, n.sum()));
    return new Counts(Map.copyOf(m), bytesRead.sum(), bytesWritten.sum());
  }

  /** Sets every count back to zero. */
  public void reset() {
    requests.values().forEach(LongAdder::reset);
    bytesRead.reset();
    bytesWritten.reset();
  }

  @Override
  public byte[] get(String key) {
    requests.get(StoreOp.GET).increment();
    byte[] b = delegate.get(key);
    bytesRead.add(b.length);
    return b;
  }

  @Override
  public byte[] get(String key, long offset, int length) {
    requests.get(StoreOp.GET_RANGE).increment();
    byte[] b = delegate.get(key, offset, length);
    bytesRead.add(b.length);
    return b;
  }

  @Override
  public Stream<ObjectInfo> list(String prefix, String startAfter) {
    requests.get(StoreOp.LIST).increment();
    return delegate.list(prefix, startAfter);
  }

  @Override
  public CreateResult putIfAbsent(String key, byte[] bytes) {
    requests.get(StoreOp.PUT_IF_ABSENT).increment();
    bytesWritten.add(bytes.length);
    return delegate.putIfAbsent(key, bytes);
  }

  @Override
  public Instant put(String key, byte[] bytes) {
    requests.get(StoreOp.PUT).increment();
    bytesWritten.add(bytes.length);
    return delegate.put(key, bytes);
  }

  @Override
  public void delete(String key) {
    requests.get(StoreOp.DELETE).increment();
    delegate.delete(key);
  }
}
