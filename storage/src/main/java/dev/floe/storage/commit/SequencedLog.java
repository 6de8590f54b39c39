package dev.floe.storage.commit;

import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A log of immutable records under one prefix: {@code <prefix><20-digit version>.json}, versions
 * 0, 1, 2, ... without gaps, each written only by create-if-absent, so that each version has
 * exactly one record and writing it is the linearization point of a commit. Records are never
 * overwritten and never deleted.
 *
 * <p>{@code <prefix>_head} holds a hint: a recent version, overwritten with plain {@code put} after
 * each commit. It is never trusted alone: the true head is found by listing the log after the
 * hint; a missing, stale or bogus hint costs a longer listing, never a wrong answer.
 *
 * <p>The class knows nothing of what the records mean; it moves bytes.
 */
public final class SequencedLog {
  /** File name of the head hint inside the log prefix. */
  public static final String HEAD_HINT = "_head";

  private static final String SUFFIX = ".json";
  private static final int WIDTH = 20;

  private final ObjectStore store;
  private final String prefix;

  /**
   * @param store where the log lives
   * @param prefix the log's folder, ending with {@code /}, such as {@code tables/x.1/log/}
   */
  public SequencedLog(ObjectStore store, String prefix) {
    if (!prefix.endsWith("/")) {
      throw new IllegalArgumentException("a log prefix ends with '/', got " + prefix);
    }
    this.store = store;
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  public ObjectStore store() {
    return store;
  }

  /** The key of version {@code v}'s record. */
  public String key(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("log versions are >= 0, got " + v);
    }
    return prefix + pad(v) + SUFFIX;
  }

  /** The key of the head hint. */
  public String hintKey() {
    return prefix + HEAD_HINT;
  }

  /** Twenty decimal digits, zero-padded, so that numbers sort lexically. */
  public static String pad(long v) {
    String s = Long.toString(v);
    return "0".repeat(Math.max(0, WIDTH - s.length())) + s;
  }

  /** The version a record key names, or -1 if the key is not a record of this log. */
  public long versionOf(String key) {
    if (!key.startsWith(prefix) || !key.endsWith(SUFFIX)) {
      return -1;
    }
    return number(key.substring(prefix.length(), key.length() - SUFFIX.length()));
  }

  /**
   * The value of a key's fixed-width decimal ({@value #WIDTH} ASCII digits), or -1 if {@code digits}
   * is not one or exceeds a long: such keys are foreign to Floe and ignored, never an error.
   */
  public static long number(String digits) {
    if (digits.length() != WIDTH || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1; // above Long.MAX_VALUE
    }
  }

  /**
   * The latest version, found without trusting the hint: reads the hint, then lists the log after
   * it; if the hint names a version that does not exist, lists from the start.
   *
   * @return the head version, or empty if the log has no record
   */
  public OptionalLong head() {
    long hint = readHint().version();
    if (hint >= 0) {
      OptionalLong after = latestAfter(hint);
      if (after.isPresent()) {
        return after;
      }
      if (exists(hint)) {
        return OptionalLong.of(hint);
      }
    }
    return latestAfter(-1);
  }

  /**
   * The latest version, given a version {@code known} that is known to exist (a reader's previous
   * head): one listing after it. Never earlier than {@code known}.
   */
  public long headAfter(long known) {
    OptionalLong after = latestAfter(known);
    return after.isPresent() ? after.getAsLong() : known;
  }

  /** The largest version strictly after {@code after} (-1: any), by listing. */
  public OptionalLong latestAfter(long after) {
    long last = -1;
    try (Stream<ObjectInfo> s = store.list(prefix, after < 0 ? null : key(after))) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) s::iterator) {
        long v = versionOf(info.key());
        if (v > last) {
          last = v;
        }
      }
    }
    return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
  }

  /** Every record in the log, in version order, with the store's time of each. */
  public List<ObjectInfo> records() {
    try (Stream<ObjectInfo> s = store.list(prefix, null)) {
      return s.filter(i -> versionOf(i.key()) >= 0).toList();
    }
  }

  /**
   * What the head hint says: a version ({@code -1} if the hint is missing or unreadable) and, if
   * the writer added one, a copy of that version's record, which is trusted only after a listing
   * shows the record with exactly the copy's size.
   */
  public record Hint(long version, byte[] copy) {
    static final Hint NONE = new Hint(-1, null);
  }

  /** Reads the hint; a missing or unparsable one is {@link Hint#NONE}. Failures to read it are ignored. */
  public Hint readHint() {
    byte[] bytes;
    try {
      bytes = store.get(hintKey());
    } catch (ObjectNotFoundException e) {
      return Hint.NONE;
    } catch (StoreException e) {
      if (e.kind() == StoreException.Kind.NOT_FOUND) {
        return Hint.NONE;
      }
      throw e;
    }
    int nl = 0;
    while (nl < bytes.length && bytes[nl] != '\n') {
      nl++;
    }
    try {
      long v = Long.parseLong(new String(bytes, 0, nl, StandardCharsets.US_ASCII).trim());
      byte[] copy = nl < bytes.length ? java.util.Arrays.copyOfRange(bytes, nl + 1, bytes.length) : null;
      return v < 0 ? Hint.NONE : new Hint(v, copy == null || copy.length == 0 ? null : copy);
    } catch (NumberFormatException e) {
      return Hint.NONE;
    }
  }

  /**
   * Overwrites the hint with {@code v}. Best effort: a failure is swallowed, since readers never
   * depend on the hint.
   *
   * @return the store's time of the write, or null if it failed
   */
  public java.time.Instant writeHint(long v) {
    return writeHint(v, null);
  }

  /** Records larger than this are not copied into the hint (it is rewritten by every commit). */
  static final int MAX_COPY = 64 * 1024;

  /**
   * Overwrites the hint with {@code v} and, if given and small enough, a copy of {@code v}'s record
   * exactly as stored (§2.4 of the format: the decimal, a newline, the record's bytes). Best
   * effort, as {@link #writeHint(long)}.
   */
  public java.time.Instant writeHint(long v, byte[] record) {
    byte[] number = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    byte[] body = number;
    if (record != null && record.length <= MAX_COPY) {
      body = java.util.Arrays.copyOf(number, number.length + 1 + record.length);
      body[number.length] = '\n';
      System.arraycopy(record, 0, body, number.length + 1, record.length);
    }
    try {
      return store.put(hintKey(), body);
    } catch (StoreException e) {
      return null;
    }
  }

  /** The records of version {@code v} and later, by one listing that starts at {@code v}'s key. */
  public List<ObjectInfo> recordsFrom(long v) {
    try (Stream<ObjectInfo> s = store.list(prefix, v <= 0 ? null : key(v - 1))) {
      return s.filter(i -> versionOf(i.key()) >= v).toList();
    }
  }

  /** Whether version {@code v}'s record exists. */
  public boolean exists(long v) {
    try (Stream<ObjectInfo> s = store.list(key(v), null)) {
      return s.anyMatch(i -> i.key().equals(key(v)));
    }
  }

  /**
   * Reads version {@code v}'s record.
   *
   * @throws ObjectNotFoundException if it does not exist
   */
  public byte[] read(long v) {
    return store.get(key(v));
  }

  /**
   * Creates version {@code v}'s record if no record has that version: the linearization point.
   *
   * @throws dev.floe.storage.io.UnknownOutcomeException if the reply was lost
   */
  public CreateResult create(long v, byte[] bytes) {
    return store.putIfAbsent(key(v), bytes);
  }
}
