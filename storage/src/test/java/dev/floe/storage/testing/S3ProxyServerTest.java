package dev.floe.storage.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.Credentials;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.io.StoreConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ProxyServerTest {
  @TempDir Path tmp;

  @Test
  void runsAsASeparateProcessAndStopsWhenItsStdinCloses() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        S3ProxyServer.class.getName(), "filesystem", tmp.resolve("s3").toString(), "shared")
        .redirectError(tmp.resolve("err").toFile())
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("READY "));
      assertTrue(line != null, "no READY line: " + Files.readString(tmp.resolve("err")));
      String endpoint = line.substring("READY ".length());
      assertTrue(endpoint.startsWith("http://127.0.0.1:"), endpoint);
      StoreConfig cfg = StoreConfig.DEFAULTS.withEndpoint(endpoint)
          .withCredentials(new Credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
      try (ObjectStore store = ObjectStores.open("s3://shared/x", cfg)) {
        store.putIfAbsent("k", new byte[] {7});
        assertArrayEquals(new byte[] {7}, store.get("k"));
      }
      assertTrue(Files.exists(tmp.resolve("s3/shared/x/k")), "objects are files in the folder");
      p.getOutputStream().close();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server stops when its stdin closes");
      assertEquals(0, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }
}
