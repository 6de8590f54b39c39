package dev.floe.storage.table;

import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.io.StoreConfig;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty root on one backend for one test, from which any number of independent clients
 * can be opened. {@link #all()} is the parameter source of the table tests: memory, local folder
 * and s3proxy; {@link #local()} leaves out s3proxy for the tests that make thousands of commits.
 */
public abstract class Backend implements AutoCloseable {
  private final String name;

  Backend(String name) {
    this.name = name;
  }

  /** A new client of this root (its own connections). */
  public abstract ObjectStore open();

  /** The location string of this root. */
  public abstract String location();

  /** Another client as a {@link FloeStore} with {@code options}. */
  public FloeStore floe(FloeOptions options) {
    return FloeStore.open(open(), options);
  }

  public FloeStore floe() {
    return floe(FloeOptions.defaults());
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return name;
  }

  /** Memory, local folder and s3proxy (an in-process S3-compatible server, one bucket per test). */
  public static Stream<Backend> all() {
    List<Backend> list = new ArrayList<>();
    list.add(memory());
    list.add(folder());
    list.add(s3proxy());
    return list.stream();
  }

  private static S3ProxyServer server;

  /** The JVM's shared s3proxy server (transient), started on first use and stopped at exit. */
  static synchronized S3ProxyServer server() {
    if (server == null) {
      server = S3ProxyServer.startTransient();
      S3ProxyServer s = server;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    }
    return server;
  }

  /** A fresh bucket on the shared s3proxy server, with the root under a prefix. */
  public static Backend s3proxy() {
    S3ProxyServer s = server();
    String location = S3ProxyServer.location(s.createBucket()) + "/floe";
    return new Backend("s3proxy") {
      @Override
      public ObjectStore open() {
        return ObjectStores.open(location, s.config());
      }

      @Override
      public String location() {
        return location;
      }
    };
  }

  /** Memory and local folder only: for the tests too slow on a network store. */
  public static Stream<Backend> local() {
    return Stream.of(memory(), folder());
  }

  /** The local folder only: for tests of that backend's failure modes. */
  public static Stream<Backend> folderOnly() {
    return Stream.of(folder());
  }

  public static Backend memory() {
    String ns = "t-" + UUID.randomUUID();
    return new Backend("mem") {
      @Override
      public ObjectStore open() {
        return MemoryStore.open(ns);
      }

      @Override
      public String location() {
        return "mem:" + ns;
      }

      @Override
      public void close() {
        MemoryStore.discard(ns);
      }
    };
  }

  public static Backend folder() {
    Path dir;
    try {
      Path base = Path.of("target", "test-stores");
      Files.createDirectories(base);
      dir = Files.createTempDirectory(base.toAbsolutePath(), "t-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new Backend("file") {
      @Override
      public ObjectStore open() {
        return ObjectStores.open("file:" + dir, StoreConfig.DEFAULTS);
      }

      @Override
      public String location() {
        return "file:" + dir;
      }
    };
  }
}
