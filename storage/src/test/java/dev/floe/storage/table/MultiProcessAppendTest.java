package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Four separate JVM processes append to one table on a shared local folder. */
class MultiProcessAppendTest {
  static final int PROCESSES = 4;
  static final int PER = 100;

  @Test
  void fourProcessesAppendingToOneTableOnASharedFolder() throws Exception {
    try (Backend b = Backend.folder()) {
      run(b);
    }
  }

  static void run(Backend b) throws Exception {
    run(b, null, java.util.Map.of());
  }

  /** As {@link #run(Backend)} for an S3-compatible {@code endpoint} (null: none) and worker environment. */
  static void run(Backend b, String endpoint, java.util.Map<String, String> env) throws Exception {
    try (FloeStore f = b.floe()) {
      f.create("shared", Rows.SCHEMA);
    }
    List<Process> ps = new ArrayList<>();
    Path logs = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "workers-");
    for (int w = 0; w < PROCESSES; w++) {
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          AppendWorker.class.getName(), b.location(), "shared", Integer.toString(w), Integer.toString(PER)));
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
      assertEquals(Writes.expectedIds(PROCESSES, PER), ids, "every batch exactly once, nothing else");
      assertEquals(ids.size(), head.rowCount());
      assertEquals(PROCESSES * PER, head.version());
    }
  }
}
