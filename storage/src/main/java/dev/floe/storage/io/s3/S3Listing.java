package dev.floe.storage.io.s3;

import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.RetryPolicy;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy listing: ListObjectsV2 pages of up to 1,000 keys, fetched as the stream is consumed. A
 * page that fails with a transient error is fetched again from the last key seen, with the store's
 * retries. Keys under the self-test prefix are skipped.
 */
final class S3Listing {
  private final S3Store store;
  private final MinioClient client;
  private final S3Location where;
  private final String prefix;
  private final String startAfter;

  S3Listing(S3Store store, MinioClient client, S3Location where, String prefix, String startAfter) {
    this.store = store;
    this.client = client;
    this.where = where;
    this.prefix = prefix;
    this.startAfter = startAfter;
  }

  Stream<ObjectInfo> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Pages(),
        Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL), false);
  }

  private Iterator<Result<Item>> from(String afterKey) {
    ListObjectsArgs.Builder b = ListObjectsArgs.builder()
        .bucket(where.bucket())
        .prefix(where.objectName(prefix))
        .recursive(true)
        .maxKeys(1000);
    if (afterKey != null) {
      b.startAfter(where.objectName(afterKey));
    }
    return client.listObjects(b.build()).iterator();
  }

  private final class Pages implements Iterator<ObjectInfo> {
    private Iterator<Result<Item>> items;
    private String last = startAfter;
    private ObjectInfo next;
    private int failures;
    private long firstFailure;

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (items == null) {
          items = from(last);
        }
        try {
          if (!items.hasNext()) {
            return false;
          }
          Item item = items.next().get();
          failures = 0;
          if (item.isDir()) {
            continue;
          }
          String key = where.keyOf(item.objectName());
          last = key;
          if (key.startsWith(CreateIfAbsentProbe.PREFIX)) {
            continue;
          }
          next = new ObjectInfo(key, item.size(), item.lastModified().toInstant());
        } catch (Exception e) {
          S3Failure f = S3Failure.of(e);
          if (failures == 0) {
            firstFailure = System.nanoTime();
          }
          failures++;
          RetryPolicy retry = store.retry();
          if (!S3Calls.mayRetry(store, f, failures, firstFailure)) {
            throw S3Calls.toException(store, "list", prefix.isEmpty() ? null : prefix, f, failures,
                false);
          }
          retry.sleepBefore(failures + 1);
          items = null;
        }
      }
      return true;
    }

    @Override
    public ObjectInfo next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ObjectInfo out = next;
      next = null;
      return out;
    }
  }
}
