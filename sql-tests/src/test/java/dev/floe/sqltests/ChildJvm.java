package dev.floe.sqltests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts a separate {@code java} process (the test JVM's own {@code java.home}) on the test
 * classpath, and collects its exit status and combined output (line by line, so a test can look at
 * what a running child has printed so far, and what a child printed before it was killed counts).
 */
final class ChildJvm {
  /** A finished child process: its exit status and everything it wrote to stdout and stderr. */
  record Result(int exitStatus, String output) {}

  private final Process process;
  private final StringBuffer soFar = new StringBuffer();
  private final CompletableFuture<String> output;

  private ChildJvm(Process process) {
    this.process = process;
    this.output = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          soFar.append(line).append('\n');
        }
      } catch (IOException e) {
        soFar.append("(output unreadable: ").append(e).append(")\n");
      }
      return soFar.toString();
    }, ChildJvm::daemon); // a thread of its own per child: the common pool may be too small for them all
  }

  /** Starts {@code mainClass} with {@code args}; the child's stdin is closed (at end of input). */
  static ChildJvm start(String mainClass, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Short-lived children on a shared 2-core machine: the C1 compiler alone starts them faster and
    // leaves more CPU to the others. Not needed for correctness; Floe needs no JVM flags.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(testClasspath());
    command.add(mainClass);
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    return new ChildJvm(process);
  }

  /** Waits for the process to end; kills it and fails if it takes longer than {@code seconds}. */
  Result await(long seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child JVM still running after " + seconds + " s; output so far:\n"
          + output.getNow("(none)"));
    }
    return new Result(process.exitValue(), output.get(30, TimeUnit.SECONDS));
  }

  /** The complete lines the child has printed so far (stdout and stderr). */
  String outputSoFar() {
    return soFar.toString();
  }

  /** Kills the child at once: SIGKILL on Linux and macOS, no shutdown hooks or finally blocks run. */
  void kill() {
    process.destroyForcibly();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "child-jvm-output");
    t.setDaemon(true);
    t.start();
  }

  private static String testClasspath() {
    // Surefire puts the whole test classpath here even when it starts its fork through a manifest jar.
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }
}
