package dev.floe.storage.io.s3;

import dev.floe.storage.io.Credentials;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectKeys;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.RetryPolicy;
import dev.floe.storage.io.StoreConfig;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.StoreException.Kind;
import dev.floe.storage.io.UnknownOutcomeException;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * An object store in a bucket of an S3-compatible server ({@code s3://bucket[/prefix]}), on the
 * MinIO Java client over one OkHttp client per store (connections are reused).
 *
 * <p>Create-if-absent is {@code PUT} with {@code If-None-Match: *}: 200 is CREATED, 412 is
 * ALREADY_EXISTS, 409 {@code ConditionalRequestConflict} (another conditional write to the key is in
 * flight) is tried again on the same key. A conditional put that may have reached the server
 * without a reply reaching us (a timeout or reset after sending, or 5xx until the retries ran out)
 * is {@link UnknownOutcomeException}; so is a 412 on a retry after such an attempt, since the 412
 * may be our own earlier write. OkHttp's silent retry on connection failure is off, so every
 * attempt is one this class knows about.
 *
 * <p>Before its first write, each store instance self-tests create-if-absent: {@link
 * CreateIfAbsentProbe#THREADS} concurrent conditional puts to one fresh key under {@value
 * CreateIfAbsentProbe#PREFIX}; exactly one must win. A server that fails the test is refused for
 * writing ({@link Kind#UNSAFE_STORE}); reads keep working. Keys under that prefix are reserved and
 * never listed.
 *
 * <p>Requests are retried with the configured {@link RetryPolicy} on 5xx, timeouts and I/O errors,
 * never on 4xx; a connection that cannot be opened is retried only within the connect timeout.
 * The request timeout bounds each wait for the server (a read or a write that makes no progress),
 * not the transfer of a large object. {@code put} returns the {@code Date} of the server's reply.
 */
public final class S3Store implements ObjectStore {
  private final S3Location where;
  private final String endpoint;
  private final String location;
  private final StoreConfig config;
  private final MinioClient client;
  private final CreateIfAbsentProbe probe;
  private volatile boolean closed;

  private S3Store(S3Location where, String endpoint, StoreConfig config, MinioClient client) {
    this.where = where;
    this.endpoint = endpoint;
    this.location = where.url() + " at " + endpoint;
    this.config = config;
    this.client = client;
    this.probe = new CreateIfAbsentProbe(this);
  }

  /**
   * Opens the store and checks that the bucket exists and the credentials are accepted.
   *
   * @throws StoreException of kind {@link Kind#INVALID_CONFIGURATION} for a malformed location or
   *     endpoint, {@link Kind#NO_SUCH_CONTAINER} for a missing bucket, {@link Kind#ACCESS_DENIED}
   *     for refused credentials, {@link Kind#UNAVAILABLE} for an unreachable endpoint
   */
  public static ObjectStore open(String location, StoreConfig config) {
    StoreConfig cfg = config == null ? StoreConfig.DEFAULTS : config;
    S3Location where = S3Location.parse(location);
    String endpoint = displayEndpoint(location, cfg.endpoint());
    Credentials creds = cfg.credentials() != null
        ? cfg.credentials() : Credentials.fromEnvironment(System.getenv());
    MinioClient client;
    try {
      MinioClient.Builder b = MinioClient.builder()
          .endpoint(cfg.endpoint() == null ? "https://s3.amazonaws.com" : cfg.endpoint())
          .httpClient(httpClient(cfg), true);
      if (cfg.region() != null) {
        b.region(cfg.region());
      } else if (cfg.endpoint() != null) {
        b.region("us-east-1");
      }
      if (creds != null) {
        b.credentials(creds.accessKey(), creds.secretKey());
      }
      client = b.build();
      if (!cfg.pathStyle()) {
        client.enableVirtualStyleEndpoint();
      }
    } catch (RuntimeException e) {
      throw new StoreException(Kind.INVALID_CONFIGURATION, null,
          "cannot open S3 store " + where.url() + " at " + endpoint + ": the endpoint is not"
              + " usable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); give an"
              + " endpoint such as http://127.0.0.1:9000");
    }
    S3Store store = new S3Store(where, endpoint, cfg, client);
    try {
      store.checkBucket(creds == null);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private static OkHttpClient httpClient(StoreConfig cfg) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(128);
    Duration connect = cfg.connectTimeout() == null ? Duration.ofSeconds(10) : cfg.connectTimeout();
    Duration request = cfg.requestTimeout() == null ? Duration.ofSeconds(30) : cfg.requestTimeout();
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        // shorter than common server idle timeouts (20-60 s): a request sent on a connection the
        // server already closed fails without a reply, which for a conditional put is an unknown
        // outcome the caller must settle
        .connectionPool(new ConnectionPool(32, 15, TimeUnit.SECONDS))
        .protocols(List.of(Protocol.HTTP_1_1))
        .connectTimeout(connect)
        .readTimeout(request)
        .writeTimeout(request)
        // every attempt must be ours to count: a silent resend of a conditional PUT whose first
        // copy landed would turn our own success into a 412
        .retryOnConnectionFailure(false)
        .build();
  }

  /** The endpoint as shown in messages: scheme, host and port, never user info. */
  private static String displayEndpoint(String location, String endpoint) {
    if (endpoint == null) {
      return "https://s3.amazonaws.com";
    }
    try {
      URI u = URI.create(endpoint);
      if (u.getScheme() == null || u.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
          + (u.getRawPath() == null ? "" : u.getRawPath());
    } catch (IllegalArgumentException e) {
      throw new StoreException(Kind.INVALID_CONFIGURATION, null,
          "cannot open S3 store '" + location + "': the endpoint is not a URL (" + e.getMessage()
              + "); give one such as http://127.0.0.1:9000");
    }
  }

  private void checkBucket(boolean anonymous) {
    boolean exists = S3Calls.run(this, "check the bucket of", null, () ->
        client.bucketExists(BucketExistsArgs.builder().bucket(where.bucket()).build()),
        anonymous);
    if (!exists) {
      throw new StoreException(Kind.NO_SUCH_CONTAINER, null,
          "bucket '" + where.bucket() + "' does not exist at " + endpoint + " (store " + location
              + "); create the bucket first, or correct the location");
    }
  }

  @Override
  public byte[] get(String key) {
    ObjectKeys.validate(key);
    checkOpen();
    return S3Calls.run(this, "read", key, () -> {
      try (GetObjectResponse in = client.getObject(GetObjectArgs.builder()
          .bucket(where.bucket()).object(where.objectName(key)).build())) {
        return in.readAllBytes();
      }
    });
  }

  @Override
  public byte[] get(String key, long offset, int length) {
    ObjectKeys.validate(key);
    checkOpen();
    if (offset < 0 || length < 0) {
      throw rangeError(key, offset, length, "offset and length must not be negative");
    }
    if (length == 0) {
      long size = S3Calls.run(this, "read", key, () -> client.statObject(StatObjectArgs.builder()
          .bucket(where.bucket()).object(where.objectName(key)).build()).size());
      if (offset > size) {
        throw rangeError(key, offset, length, "the object is " + size + " bytes long");
      }
      return new byte[0];
    }
    byte[] bytes = S3Calls.run(this, "read", key, () -> {
      try (GetObjectResponse in = client.getObject(GetObjectArgs.builder()
          .bucket(where.bucket()).object(where.objectName(key))
          .offset(offset).length((long) length).build())) {
        return in.readAllBytes();
      }
    });
    if (bytes.length != length) {
      throw rangeError(key, offset, length, "the object ends after " + (offset + bytes.length)
          + " bytes");
    }
    return bytes;
  }

  StoreException rangeError(String key, long offset, int length, String why) {
    return new StoreException(Kind.RANGE_NOT_SATISFIABLE, key,
        "cannot read bytes [" + offset + ", " + (offset + length) + ") of '" + key + "' in "
            + location + ": " + why + "; read inside the object's length (a truncated object or a"
            + " stale length is a bug of the caller)");
  }

  @Override
  public Stream<ObjectInfo> list(String prefix, String startAfter) {
    String p = ObjectKeys.validatePrefix(prefix);
    checkOpen();
    return new S3Listing(this, client, where, p, startAfter).stream();
  }

  @Override
  public CreateResult putIfAbsent(String key, byte[] bytes) {
    ObjectKeys.validate(key);
    checkOpen();
    probe.ensureSafe();
    return conditionalPut(key, bytes);
  }

  /** The conditional put itself, without the self-test; used by the self-test. */
  CreateResult conditionalPut(String key, byte[] bytes) {
    return new ConditionalPut(this, key, bytes).run();
  }

  /** One unconditional or conditional PUT request, without retries. */
  ObjectWriteResponse putOnce(String key, byte[] bytes, boolean ifAbsent) throws Exception {
    PutObjectArgs.Builder b = PutObjectArgs.builder()
        .bucket(where.bucket()).object(where.objectName(key))
        .data(bytes, bytes.length)
        .contentType("application/octet-stream");
    if (ifAbsent) {
      b.headers(Map.of("If-None-Match", "*"));
    }
    return client.putObject(b.build());
  }

  @Override
  public Instant put(String key, byte[] bytes) {
    ObjectKeys.validate(key);
    checkOpen();
    probe.ensureSafe();
    ObjectWriteResponse reply = S3Calls.run(this, "write", key, () -> putOnce(key, bytes, false));
    Date date = reply.headers() == null ? null : reply.headers().getDate("Date");
    if (date != null) {
      return date.toInstant();
    }
    return S3Calls.run(this, "read", key, () -> client.statObject(StatObjectArgs.builder()
        .bucket(where.bucket()).object(where.objectName(key)).build()).lastModified().toInstant());
  }

  @Override
  public void delete(String key) {
    ObjectKeys.validate(key);
    checkOpen();
    probe.ensureSafe();
    deleteUnchecked(key);
  }

  /** Deletes without the self-test; used to clean up after it. */
  void deleteUnchecked(String key) {
    S3Calls.run(this, "delete", key, () -> {
      client.removeObject(RemoveObjectArgs.builder()
          .bucket(where.bucket()).object(where.objectName(key)).build());
      return null;
    });
  }

  @Override
  public String location() {
    return location;
  }

  String endpoint() {
    return endpoint;
  }

  String bucket() {
    return where.bucket();
  }

  RetryPolicy retry() {
    return config.retry() == null ? RetryPolicy.STORE_DEFAULT : config.retry();
  }

  Duration connectTimeout() {
    return config.connectTimeout() == null ? Duration.ofSeconds(10) : config.connectTimeout();
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreException(Kind.INVALID_CONFIGURATION, null,
          "the S3 store " + location + " is closed; open it again");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      client.close();
    } catch (Exception e) {
      // nothing was pending that a caller could act on
    }
  }

  @Override
  public String toString() {
    return "S3Store[" + location + "]";
  }

  static ObjectNotFoundException notFound(S3Store store, String key) {
    return new ObjectNotFoundException(store.location, key);
  }
}
