package dev.floe.storage.io.s3;

import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStoreContract;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract on s3proxy's in-memory backend; a fresh bucket per test, under a prefix. */
class S3TransientStoreTest extends ObjectStoreContract {
  private static S3ProxyServer server;
  private String location;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.startTransient();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected ObjectStore newStore() {
    location = S3ProxyServer.location(server.createBucket()) + "/db/root";
    return ObjectStores.open(location, server.config());
  }

  @Override
  protected ObjectStore anotherClient() {
    return ObjectStores.open(location, server.config());
  }
}
