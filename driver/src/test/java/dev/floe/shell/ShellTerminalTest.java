package dev.floe.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive floe shell in a real pseudo-terminal: util-linux {@code script} runs it on a pty
 * and the test types keys into it as a user would (the bytes an xterm sends), reading what the
 * terminal shows.
 */
class ShellTerminalTest {
  private static final Path SCRIPT = Path.of("/usr/bin/script");
  private static final String UP = "\033OA"; // an xterm in application-cursor mode, as JLine sets it
  private static final String CTRL_C = "\003";

  @TempDir Path dir;

  /** The shell on a pty; everything the terminal shows accumulates in {@link #screen}. */
  private final class Terminal implements AutoCloseable {
    private final Process process;
    private final OutputStream keys;
    private final StringBuffer screen = new StringBuffer();

    Terminal(String url) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String shell = "stty cols 160 rows 40; exec " + quote(java) + " -cp " + quote(System.getProperty("java.class.path"))
          + " " + FloeShell.class.getName() + " " + quote(url);
      ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-qfec", shell, "/dev/null")
          .directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().put("TERM", "xterm");
      pb.environment().put("HOME", dir.toString()); // the history file
      process = pb.start();
      keys = process.getOutputStream();
      Thread reader = new Thread(() -> {
        byte[] buf = new byte[8192];
        try (InputStream in = process.getInputStream()) {
          for (int n; (n = in.read(buf)) > 0; ) {
            screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          // the process ended
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    void type(String text) throws IOException {
      keys.write(text.getBytes(StandardCharsets.UTF_8));
      keys.flush();
    }

    /** Waits until the screen shows {@code text} {@code times} times after {@code from}; returns where the last begins. */
    int await(String text, int times, int from) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        String s = screen.toString();
        int at = from - 1;
        int seen = 0;
        while (seen < times && (at = s.indexOf(text, at + 1)) >= 0) {
          seen++;
        }
        if (seen == times) {
          return at;
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("the terminal did not show '" + text + "' " + times + " time(s) after " + from
          + " (alive: " + process.isAlive() + "):\n" + screen);
    }

    int await(String text) throws InterruptedException {
      return await(text, 1, 0);
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Test
  void upRecallsTheLastLineCtrlCCancelsTheRunningStatementAndALongStatementShowsProgress() throws Exception {
    assumeTrue(Files.isExecutable(SCRIPT), "needs util-linux script");
    try (Terminal t = new Terminal("jdbc:floe:mem:tty")) {
      t.await("jdbc:floe:mem:tty> ");
      t.type("CREATE TABLE n AS SELECT * FROM generate_series(1, 3000) AS s(id);\r");
      t.await("jdbc:floe:mem:tty> ", 2, 0);

      String query = "SELECT 40 + 2 AS answer, TIMESTAMP '2024-01-02 03:04:05' AS ts;";
      t.type(query + "\r");
      int first = t.await("1 row selected");
      t.type(UP);
      t.type("\r");
      int second = t.await("1 row selected", 2, 0);
      String recalled = t.screen.substring(first, second);
      assertTrue(recalled.contains("| 42     | 2024-01-02 03:04:05 |"), "Up recalled the line and it ran again, "
          + "TIMESTAMP without .0: " + t.screen);
      assertFalse(t.screen.toString().contains("^[OA") || t.screen.toString().contains("^[[A"),
          "the Up key is a key, not text: " + t.screen);
      assertEquals(2, t.screen.toString().split("AS answer,", -1).length - 1, // typed once, recalled once
          "each line is echoed once, by the line editor (a cooked terminal echoes it a second time): " + t.screen);
      assertFalse(t.screen.substring(first, second).contains("Running"), "a quick statement shows no progress");

      // a long statement: progress after a second, Ctrl-C cancels it and the shell goes on
      t.type("SELECT COUNT(*) FROM n a, n b, n c WHERE a.id + b.id + c.id < 0;\r");
      int progress = t.await("rows scanned in", 1, second);
      t.type(CTRL_C);
      int cancelled = t.await("SQLState 57014", 1, progress);
      t.type("SELECT 7 AS after_cancel;\r");
      t.await("| 7            |", 1, cancelled);
      // Ctrl-C at the prompt: a new prompt, as in sqlline (no error about the statement that ran before)
      int before = t.screen.length();
      t.type(CTRL_C);
      t.await("Command canceled.", 1, before);
      t.type("!quit\r");
      assertTrue(t.process.waitFor(30, TimeUnit.SECONDS), "the shell ended at !quit: " + t.screen);
      assertEquals(0, t.process.exitValue(), "the shell survived Ctrl-C and ended normally: " + t.screen);
      assertFalse(t.screen.substring(before).contains("SQLState"), t.screen.substring(before));
    }
  }
}
