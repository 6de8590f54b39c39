package dev.floe.storage.io.s3;

import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStoreContract;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.testing.S3ProxyServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract on s3proxy's filesystem backend; a fresh bucket per test, at the bucket root. */
class S3FilesystemStoreTest extends ObjectStoreContract {
  @TempDir static Path dir;
  private static S3ProxyServer server;
  private String location;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.startFilesystem(dir.resolve("s3"));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected ObjectStore newStore() {
    location = S3ProxyServer.location(server.createBucket());
    return ObjectStores.open(location, server.config());
  }

  @Override
  protected ObjectStore anotherClient() {
    return ObjectStores.open(location, server.config());
  }
}
