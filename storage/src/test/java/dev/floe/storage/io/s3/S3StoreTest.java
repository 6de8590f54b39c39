package dev.floe.storage.io.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.Credentials;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.io.RetryPolicy;
import dev.floe.storage.io.StoreConfig;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.StoreException.Kind;
import dev.floe.storage.io.UnknownOutcomeException;
import dev.floe.storage.io.s3.FaultyHttpProxy.Action;
import dev.floe.storage.testing.S3ProxyServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only the S3 backend has: locations, credentials, endpoints, and a misbehaving network. */
class S3StoreTest {
  private static S3ProxyServer server;
  /** Checks no signatures, so a proxy in front of it may rewrite requests. */
  private static S3ProxyServer open;

  @BeforeAll
  static void start() {
    server = S3ProxyServer.startTransient();
    open = S3ProxyServer.startTransientWithoutAuthentication();
    // load and initialise the client classes once, so timed tests time only what they test
    ObjectStores.open("s3://" + server.createBucket(), server.config()).close();
  }

  @AfterAll
  static void stop() {
    server.close();
    open.close();
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void keysLiveUnderThePrefixAndLocationNamesBucketPrefixAndEndpoint() {
    String bucket = server.createBucket();
    try (ObjectStore a = ObjectStores.open("s3://" + bucket + "/one/", server.config());
        ObjectStore root = ObjectStores.open("s3://" + bucket, server.config())) {
      assertEquals("s3://" + bucket + "/one at " + server.endpoint(), a.location());
      a.putIfAbsent("k", b("v"));
      assertArrayEquals(b("v"), root.get("one/k"));
      assertEquals(List.of("one/k"), root.list("", null).map(ObjectInfo::key).toList(),
          "the self-test leaves no probe object behind");
      assertEquals(List.of("k"), a.list("", null).map(ObjectInfo::key).toList());
    }
  }

  @Test
  void malformedLocationsAreConfigurationErrors() {
    for (String loc : List.of("s3://", "s3://Bad_Bucket!", "s3://bucket/../x", "s3://bucket/a//b")) {
      StoreException e = assertThrows(StoreException.class, () -> ObjectStores.open(loc, server.config()));
      assertEquals(Kind.INVALID_CONFIGURATION, e.kind(), e.getMessage());
    }
  }

  @Test
  void missingBucketIsNoSuchContainer() {
    StoreException e = assertThrows(StoreException.class,
        () -> ObjectStores.open("s3://no-such-bucket-here/x", server.config()));
    assertEquals(Kind.NO_SUCH_CONTAINER, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("no-such-bucket-here") && e.getMessage().contains(server.endpoint()),
        e.getMessage());
  }

  @Test
  void wrongCredentialsFailFastWithoutRetriesAndNeverShowTheSecret() throws Exception {
    String secret = "wrong-secret-Kp27nQ";
    String bucket = server.createBucket();
    ObjectStores.open("s3://" + bucket, server.config()).close(); // warm up the client classes
    try (FaultyHttpProxy counter = new FaultyHttpProxy(server.port(), r -> Action.FORWARD)) {
      StoreConfig cfg = server.config()
          .withEndpoint(counter.endpoint())
          .withCredentials(new Credentials(S3ProxyServer.ACCESS_KEY, secret))
          .withRetry(new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(5)));
      long start = System.nanoTime();
      StoreException e = assertThrows(StoreException.class, () -> ObjectStores.open("s3://" + bucket, cfg));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(Kind.ACCESS_DENIED, e.kind(), e.getMessage());
      assertEquals(1, counter.requests(), "a 403 is not retried");
      assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "took " + took);
      assertTrue(e.getMessage().contains(counter.endpoint()), e.getMessage());
      assertSecretAbsent(e, secret);
      assertFalse(cfg.toString().contains(secret), cfg.toString());
      // a wrong access key, too
      StoreException e2 = assertThrows(StoreException.class, () -> ObjectStores.open(
          "s3://" + bucket, cfg.withCredentials(new Credentials("nobody", secret))));
      assertEquals(Kind.ACCESS_DENIED, e2.kind(), e2.getMessage());
      assertSecretAbsent(e2, secret);
      assertEquals(2, counter.requests());
    }
  }

  @Test
  void theTestSecretAppearsInNoMessageOfAWorkingStore() {
    String bucket = server.createBucket();
    try (ObjectStore s = ObjectStores.open("s3://" + bucket + "/p", server.config())) {
      assertFalse(s.location().contains(S3ProxyServer.SECRET_KEY));
      assertFalse(s.toString().contains(S3ProxyServer.SECRET_KEY));
      assertSecretAbsent(assertThrows(StoreException.class, () -> s.get("missing")), S3ProxyServer.SECRET_KEY);
      s.putIfAbsent("r", new byte[10]);
      assertSecretAbsent(assertThrows(StoreException.class, () -> s.get("r", 5, 10)), S3ProxyServer.SECRET_KEY);
    }
  }

  @Test
  void unreachableEndpointFailsWithinTheConnectTimeout() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    StoreConfig cfg = server.config().withEndpoint("http://127.0.0.1:" + closedPort)
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
    long start = System.nanoTime();
    StoreException e = assertThrows(StoreException.class, () -> ObjectStores.open("s3://bucket/x", cfg));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(Kind.UNAVAILABLE, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    assertSecretAbsent(e, S3ProxyServer.SECRET_KEY);
  }

  @Test
  void anEndpointThatNeverAnswersFailsWithinTheConnectTimeout() {
    // 192.0.2.1 is TEST-NET-1: never routed, so the connect either hangs or fails at once
    StoreConfig cfg = server.config().withEndpoint("http://192.0.2.1:9000")
        .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1));
    long start = System.nanoTime();
    StoreException e = assertThrows(StoreException.class, () -> ObjectStores.open("s3://bucket/x", cfg));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(Kind.UNAVAILABLE, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("192.0.2.1:9000"), e.getMessage());
    assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "took " + took);
  }

  @Test
  void aServerThatIgnoresIfNoneMatchIsRefusedForWritingButStillReadable() throws Exception {
    String bucket = open.createBucket();
    try (FaultyHttpProxy proxy = new FaultyHttpProxy(open.port(), r -> Action.STRIP_IF_NONE_MATCH);
        ObjectStore direct = ObjectStores.open("s3://" + bucket, open.config());
        ObjectStore s = ObjectStores.open("s3://" + bucket, open.config().withEndpoint(proxy.endpoint()))) {
      direct.putIfAbsent("existing", b("old"));
      StoreException e = assertThrows(StoreException.class, () -> s.putIfAbsent("k", b("v")));
      assertEquals(Kind.UNSAFE_STORE, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("If-None-Match") && e.getMessage().contains(proxy.endpoint()),
          e.getMessage());
      int seen = proxy.requests();
      for (Runnable write : List.<Runnable>of(() -> s.putIfAbsent("k", b("v")), () -> s.put("h", b("v")),
          () -> s.delete("existing"))) {
        assertEquals(Kind.UNSAFE_STORE, assertThrows(StoreException.class, write::run).kind());
      }
      assertEquals(seen, proxy.requests(), "the verdict is remembered: no more writes are sent");
      assertArrayEquals(b("old"), s.get("existing"), "reads still work");
      assertEquals(List.of("existing"), s.list("", null).map(ObjectInfo::key).toList(),
          "the probe objects were cleaned up or are hidden");
      assertArrayEquals(b("old"), direct.get("existing"));
    }
  }

  @Test
  void aConflict409IsRetriedOnTheSameKey() throws Exception {
    String bucket = open.createBucket();
    AtomicInteger conflicts = new AtomicInteger();
    Function<FaultyHttpProxy.Request, Action> rule = r -> r.conditionalPut() && r.path().contains("/k")
        && conflicts.getAndIncrement() < 2 ? Action.CONFLICT_409 : Action.FORWARD;
    try (FaultyHttpProxy proxy = new FaultyHttpProxy(open.port(), rule);
        ObjectStore s = ObjectStores.open("s3://" + bucket, open.config().withEndpoint(proxy.endpoint()))) {
      assertEquals(CreateResult.CREATED, s.putIfAbsent("k", b("v")));
      assertEquals(3, conflicts.get(), "two 409s, then the put that created it");
      assertArrayEquals(b("v"), s.get("k"));
      assertEquals(CreateResult.ALREADY_EXISTS, s.putIfAbsent("k", b("w")));
    }
  }

  @Test
  void endless409sAreUnavailableNotAnOutcome() throws Exception {
    String bucket = open.createBucket();
    Function<FaultyHttpProxy.Request, Action> rule = r -> r.conditionalPut() && r.path().contains("/k")
        ? Action.CONFLICT_409 : Action.FORWARD;
    try (FaultyHttpProxy proxy = new FaultyHttpProxy(open.port(), rule);
        ObjectStore s = ObjectStores.open("s3://" + bucket, open.config().withEndpoint(proxy.endpoint()))) {
      StoreException e = assertThrows(StoreException.class, () -> s.putIfAbsent("k", b("v")));
      assertEquals(Kind.UNAVAILABLE, e.kind(), e.getMessage());
      assertFalse(e instanceof UnknownOutcomeException);
    }
  }

  @Test
  void a503IsRetriedAndANonConditionalPutSucceeds() throws Exception {
    String bucket = open.createBucket();
    AtomicInteger n = new AtomicInteger();
    Function<FaultyHttpProxy.Request, Action> rule = r -> r.method().equals("PUT") && r.path().contains("/h")
        && n.getAndIncrement() < 2 ? Action.UNAVAILABLE_503 : Action.FORWARD;
    try (FaultyHttpProxy proxy = new FaultyHttpProxy(open.port(), rule);
        ObjectStore s = ObjectStores.open("s3://" + bucket, open.config().withEndpoint(proxy.endpoint()))) {
      assertTrue(Duration.between(s.put("h", b("v")), java.time.Instant.now()).abs().getSeconds() < 300);
      assertArrayEquals(b("v"), s.get("h"));
      assertEquals(3, n.get());
    }
  }

  @Test
  void aLostReplyIsAnUnknownOutcomeEvenWhenTheRetryFindsTheKeyTaken() throws Exception {
    String bucket = open.createBucket();
    AtomicInteger n = new AtomicInteger();
    Function<FaultyHttpProxy.Request, Action> rule = r -> r.conditionalPut() && r.path().contains("/log/")
        && n.getAndIncrement() == 0 ? Action.DROP_REPLY : Action.FORWARD;
    try (FaultyHttpProxy proxy = new FaultyHttpProxy(open.port(), rule);
        ObjectStore s = ObjectStores.open("s3://" + bucket, open.config().withEndpoint(proxy.endpoint()))) {
      UnknownOutcomeException e = assertThrows(UnknownOutcomeException.class,
          () -> s.putIfAbsent("log/1", b("mine")));
      assertEquals(Kind.UNKNOWN_OUTCOME, e.kind());
      assertTrue(e.getMessage().contains("log/1") && e.getMessage().contains(proxy.endpoint()), e.getMessage());
      assertTrue(n.get() >= 2, "the put was retried, and the retry met our own object: " + n.get());
      assertArrayEquals(b("mine"), s.get("log/1"), "the first attempt did land");
    }
  }

  @Test
  void aLostReplyWithoutRetriesIsAnUnknownOutcome() throws Exception {
    String bucket = open.createBucket();
    Function<FaultyHttpProxy.Request, Action> rule = r -> r.conditionalPut() && r.path().contains("/log/")
        ? Action.DROP_REPLY : Action.FORWARD;
    try (FaultyHttpProxy proxy = new FaultyHttpProxy(open.port(), rule);
        ObjectStore s = ObjectStores.open("s3://" + bucket,
            open.config().withEndpoint(proxy.endpoint()).withRetry(RetryPolicy.NONE))) {
      assertThrows(UnknownOutcomeException.class, () -> s.putIfAbsent("log/2", b("mine")));
      assertThrows(UnknownOutcomeException.class, () -> s.putIfAbsent("log/2", b("mine")),
          "still unknown: the reply of the put that found the key taken was lost as well");
    }
  }

  @Test
  void aReplyThatNeverComesIsAnUnknownOutcomeWithinTheRequestTimeout() throws Exception {
    String bucket = open.createBucket();
    Function<FaultyHttpProxy.Request, Action> rule = r -> r.conditionalPut() && r.path().contains("/log/")
        ? Action.HANG : Action.FORWARD;
    try (FaultyHttpProxy proxy = new FaultyHttpProxy(open.port(), rule);
        ObjectStore s = ObjectStores.open("s3://" + bucket, open.config().withEndpoint(proxy.endpoint())
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)).withRetry(RetryPolicy.NONE))) {
      s.put("warm", new byte[1]); // the self-test, not under the rule
      long start = System.nanoTime();
      assertThrows(UnknownOutcomeException.class, () -> s.putIfAbsent("log/3", b("mine")));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
      assertArrayEquals(b("mine"), s.get("log/3"), "the server did apply it");
    }
  }

  @Test
  void aConditionalPutThatKeepsGetting5xxIsAnUnknownOutcome() throws Exception {
    String bucket = open.createBucket();
    AtomicInteger n = new AtomicInteger();
    Function<FaultyHttpProxy.Request, Action> rule = r -> r.conditionalPut() && r.path().contains("/log/")
        && n.incrementAndGet() > 0 ? Action.UNAVAILABLE_503 : Action.FORWARD;
    try (FaultyHttpProxy proxy = new FaultyHttpProxy(open.port(), rule);
        ObjectStore s = ObjectStores.open("s3://" + bucket, open.config().withEndpoint(proxy.endpoint())
            .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5))))) {
      assertThrows(UnknownOutcomeException.class, () -> s.putIfAbsent("log/4", b("mine")));
      assertEquals(3, n.get(), "bounded by the retry policy");
    }
  }

  @Test
  void aSelfTestThatCannotFinishIsNotReportedAsTheCallersUnknownOutcome() throws Exception {
    String bucket = open.createBucket();
    AtomicInteger n = new AtomicInteger();
    Function<FaultyHttpProxy.Request, Action> rule = r -> r.conditionalPut() && r.path().contains("/_probe/")
        && n.getAndIncrement() == 0 ? Action.DROP_REPLY : Action.FORWARD;
    try (FaultyHttpProxy proxy = new FaultyHttpProxy(open.port(), rule);
        ObjectStore s = ObjectStores.open("s3://" + bucket, open.config().withEndpoint(proxy.endpoint())
            .withRetry(RetryPolicy.NONE))) {
      StoreException e = assertThrows(StoreException.class, () -> s.putIfAbsent("log/5", b("mine")));
      assertFalse(e instanceof UnknownOutcomeException, e.getMessage());
      assertEquals(Kind.UNAVAILABLE, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
      assertEquals(CreateResult.CREATED, s.putIfAbsent("log/5", b("mine")), "the next write runs the test again");
    }
  }

  @Test
  void aRangeThatStartsPastTheEndIsRangeNotSatisfiable() {
    try (ObjectStore s = ObjectStores.open("s3://" + server.createBucket(), server.config())) {
      s.putIfAbsent("r", new byte[10]);
      StoreException e = assertThrows(StoreException.class, () -> s.get("r", 10, 1));
      assertEquals(Kind.RANGE_NOT_SATISFIABLE, e.kind(), e.getMessage());
      assertEquals(Kind.RANGE_NOT_SATISFIABLE, assertThrows(StoreException.class, () -> s.get("r", 11, 0)).kind());
      assertThrows(dev.floe.storage.io.ObjectNotFoundException.class, () -> s.get("nope", 0, 0));
    }
  }

  @Test
  void credentialsComeFromTheEnvironmentWhenNotGiven() {
    // the environment of the test JVM has no AWS keys: the store opens anonymously and a write is
    // refused with a hint at the variables, rather than a NullPointerException
    if (Credentials.fromEnvironment(System.getenv()) != null) {
      return;
    }
    StoreException e = assertThrows(StoreException.class, () -> ObjectStores.open(
        "s3://" + server.createBucket(), server.config().withCredentials(null)));
    assertEquals(Kind.ACCESS_DENIED, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID"), e.getMessage());
  }

  @Test
  void aClosedStoreRefusesCalls() {
    ObjectStore s = ObjectStores.open("s3://" + server.createBucket(), server.config());
    s.close();
    s.close();
    assertEquals(Kind.INVALID_CONFIGURATION, assertThrows(StoreException.class, () -> s.get("k")).kind());
  }

  private static void assertSecretAbsent(Throwable e, String secret) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(secret), "message of " + t);
      assertFalse(t.toString().contains(secret), "toString of " + t);
      for (StackTraceElement el : t.getStackTrace()) {
        assertFalse(el.toString().contains(secret));
      }
    }
  }
}
