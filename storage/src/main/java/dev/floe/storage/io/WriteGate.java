package dev.floe.storage.io;

import java.time.Instant;

/**
 * A store that passes reads through and refuses every write ({@link #put}, {@link #putIfAbsent},
 * {@link #delete}) while it is closed for writing: the last wall of a read-only client, below
 * everything that decides from a statement whether it writes. A refused call throws {@link
 * StoreException.Kind#READ_ONLY} before the delegate is called, so it changes nothing in the store.
 *
 * <p>Thread-safe: the switch is a volatile flag; a write already past the check when the gate
 * closes completes. Closing the gate leaves the delegate open (its owner closes it).
 */
public final class WriteGate extends ForwardingStore {
  private volatile boolean writable;

  /** A gate over {@code delegate}, open for writing or not. */
  public WriteGate(ObjectStore delegate, boolean writable) {
    super(delegate);
    this.writable = writable;
  }

  /** Opens ({@code true}) or closes the gate for writes from now on. */
  public void setWritable(boolean writable) {
    this.writable = writable;
  }

  /** Whether writes pass. */
  public boolean writable() {
    return writable;
  }

  @Override
  public CreateResult putIfAbsent(String key, byte[] bytes) {
    check(key, "create");
    return delegate.putIfAbsent(key, bytes);
  }

  @Override
  public Instant put(String key, byte[] bytes) {
    check(key, "write");
    return delegate.put(key, bytes);
  }

  @Override
  public void delete(String key) {
    check(key, "delete");
    delegate.delete(key);
  }

  /** Deletes leftovers only while writes pass: a read-only client deletes nothing. */
  @Override
  public java.util.List<String> deleteLeftovers(Instant before) {
    check(".tmp/", "delete leftovers in");
    return delegate.deleteLeftovers(before);
  }

  /** Nothing: the gate's owner closes the delegate. */
  @Override
  public void close() {}

  private void check(String key, String what) {
    if (!writable) {
      throw new StoreException(StoreException.Kind.READ_ONLY, key, "refused to " + what + " '" + key + "' in "
          + location() + ": this client is read-only (a readOnly or snapshot connection); open a writable"
          + " connection to change the store");
    }
  }
}
