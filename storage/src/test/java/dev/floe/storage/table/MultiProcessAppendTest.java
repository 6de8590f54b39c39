package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.floe.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;

/** Four separate JVM processes append to one table on a shared local folder, and on one shared s3proxy server. */
class MultiProcessAppendTest {
  static final int PROCESSES = 4;
  static final int PER = 100;

  @Test
  void fourProcessesAppendingToOneTableOnASharedFolder() throws Exception {
    try (Backend b = Backend.folder()) {
      run(b);
    }
  }

  @Test
  void fourProcessesAppendingToOneTableOnASharedS3ProxyFilesystemServer() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "s3fs-");
    try (S3ProxyServer s3 = S3ProxyServer.startFilesystem(dir)) {
      String location = S3ProxyServer.location(s3.createBucket()) + "/db";
      Backend b = new Backend("s3proxy-filesystem") {
        @Override
        public dev.floe.storage.io.ObjectStore open() {
          return dev.floe.storage.io.ObjectStores.open(location, s3.config());
        }

        @Override
        public String location() {
          return location;
        }
      };
      // 4 x 40 here: every request crosses HTTP and s3proxy's filesystem, so 4 x 100 takes over a minute
      run(b, s3.endpoint(), java.util.Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
          "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY), 40);
    }
  }

  static void run(Backend b) throws Exception {
    run(b, null, java.util.Map.of(), PER);
  }

  /** As {@link #run(Backend)} for an S3-compatible {@code endpoint} (null: none) and worker environment. */
  static void run(Backend b, String endpoint, java.util.Map<String, String> env, int per) throws Exception {
    try (FloeStore f = b.floe()) {
      f.create("shared", Rows.SCHEMA);
    }
    List<Process> ps = new ArrayList<>();
    Path logs = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "workers-");
    for (int w = 0; w < PROCESSES; w++) {
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          AppendWorker.class.getName(), b.location(), "shared", Integer.toString(w), Integer.toString(per)));
      if (endpoint != null) {
        cmd.add(endpoint);
      }
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().putAll(env);
      pb.redirectErrorStream(true);
      pb.redirectOutput(logs.resolve("p" + w + ".log").toFile());
      ps.add(pb.start());
    }
    for (int w = 0; w < PROCESSES; w++) {
      Process p = ps.get(w);
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
      File log = logs.resolve("p" + w + ".log").toFile();
      assertEquals(0, p.exitValue(), "worker p" + w + " failed: " + Files.readString(log.toPath()));
    }
    try (FloeStore f = b.floe()) {
      TableVersion head = f.table("shared").latest();
      List<Long> ids = Rows.ids(head);
      assertEquals(Writes.expectedIds(PROCESSES, per), ids, "every batch exactly once, nothing else");
      assertEquals(ids.size(), head.rowCount());
      assertEquals(PROCESSES * per, head.version());
    }
  }
}
