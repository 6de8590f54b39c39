package dev.floe.storage.testing;

import dev.floe.storage.io.Credentials;
import dev.floe.storage.io.RetryPolicy;
import dev.floe.storage.io.StoreConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * A real S3-compatible server for tests: s3proxy 4.1.0 in this JVM, on 127.0.0.1 with an
 * ephemeral port, with fixed test credentials ({@link #ACCESS_KEY}, {@link #SECRET_KEY}).
 *
 * <p>Backends: {@link #startTransient()} keeps objects in memory; {@link #startFilesystem(Path)}
 * keeps them as files in a folder, and its create-if-absent ({@code If-None-Match: *}) is a
 * {@code link(2)}, atomic even between several servers sharing the folder. {@link #main} runs one
 * as a separate process.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.startTransient();
 *      ObjectStore store = ObjectStores.open(s3.location(s3.createBucket()), s3.config())) { ... }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The access key the server accepts. */
  public static final String ACCESS_KEY = "floe-test-access";
  /** The secret the server accepts; tests check that it never shows in a message. */
  public static final String SECRET_KEY = "floe-test-secret-Zq8w3Xv1";

  private final S3Proxy proxy;
  private final BlobStore blobs;
  private final String backend;

  private S3ProxyServer(S3Proxy proxy, BlobStore blobs, String backend) {
    this.proxy = proxy;
    this.blobs = blobs;
    this.backend = backend;
  }

  /** Starts a server whose objects live in memory and vanish on {@link #close()}. */
  public static S3ProxyServer startTransient() {
    return start("transient", new Properties(), AuthenticationType.AWS_V2_OR_V4);
  }

  /**
   * Starts an in-memory server that checks no signature, for tests that put a header-rewriting
   * proxy in front of it (a rewritten request no longer matches its signature). Any credentials
   * are accepted.
   */
  public static S3ProxyServer startTransientWithoutAuthentication() {
    return start("transient", new Properties(), AuthenticationType.NONE);
  }

  /** Starts a server whose objects are files under {@code dir} (created if absent). */
  public static S3ProxyServer startFilesystem(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the s3proxy folder " + dir, e);
    }
    Properties p = new Properties();
    p.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
    return start("filesystem", p, AuthenticationType.AWS_V2_OR_V4);
  }

  private static S3ProxyServer start(String backend, Properties props, AuthenticationType auth) {
    BlobStore blobs = BlobStores.create(backend, props);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(blobs)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(auth, ACCESS_KEY, SECRET_KEY)
        .build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("s3proxy did not start within 30 s: " + proxy.getState());
        }
        Thread.sleep(10);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot start s3proxy (" + backend + ")", e);
    }
    return new S3ProxyServer(proxy, blobs, backend);
  }

  /** {@code transient} or {@code filesystem}. */
  public String backend() {
    return backend;
  }

  public int port() {
    return proxy.getPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  public Credentials credentials() {
    return new Credentials(ACCESS_KEY, SECRET_KEY);
  }

  /**
   * A configuration for stores on this server: its endpoint, region us-east-1, path style, the
   * test credentials, 2 s to connect, 30 s per request wait, default retries.
   */
  public StoreConfig config() {
    return StoreConfig.DEFAULTS
        .withEndpoint(endpoint())
        .withRegion("us-east-1")
        .withPathStyle(true)
        .withCredentials(credentials())
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30))
        .withRetry(RetryPolicy.STORE_DEFAULT);
  }

  /** Creates a bucket with a fresh name and returns the name. */
  public String createBucket() {
    return createBucket("floe-" + UUID.randomUUID().toString().substring(0, 18));
  }

  /** Creates the bucket if it does not exist yet and returns its name. */
  public String createBucket(String name) {
    if (!blobs.containerExists(name)) {
      blobs.createContainer(name);
    }
    return name;
  }

  /** {@code s3://bucket}. */
  public static String location(String bucket) {
    return "s3://" + bucket;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop s3proxy on port " + port(), e);
    }
  }

  /**
   * Runs a server as a process of its own: {@code transient} or {@code filesystem DIR}, then
   * optional bucket names to create. Prints {@code READY http://127.0.0.1:PORT} on stdout once it
   * serves, and stops when stdin closes (so it dies with the process that started it).
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || (args[0].equals("filesystem") && args.length < 2)) {
      System.err.println("usage: S3ProxyServer transient|filesystem DIR [bucket...]");
      System.exit(2);
    }
    boolean fs = args[0].equals("filesystem");
    try (S3ProxyServer s = fs ? startFilesystem(Path.of(args[1])) : startTransient()) {
      for (int i = fs ? 2 : 1; i < args.length; i++) {
        s.createBucket(args[i]);
      }
      System.out.println("READY " + s.endpoint());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // wait for the parent to close our stdin
      }
    }
  }
}
