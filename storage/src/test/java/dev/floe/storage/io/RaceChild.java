package dev.floe.storage.io;

import dev.floe.storage.io.ObjectStore.CreateResult;
import java.nio.charset.StandardCharsets;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One contender of {@link CrossProcessRaceTest}, run in a JVM of its own: {@code location
 * endpoint|- writerId writers rounds barrierFile}. S3 credentials come from the standard environment
 * variables. It opens the store and makes one write (so the S3 self-test is done); then, for each
 * round {@code r}, it waits at a barrier shared by all writers (a memory-mapped file holding one
 * counter per writer) and puts its own bytes to {@code xrace/r} with {@code putIfAbsent}. It prints
 * one line {@code r CREATED|ALREADY_EXISTS} per round.
 */
public final class RaceChild {
  private RaceChild() {}

  public static void main(String[] args) throws Exception {
    String location = args[0];
    String endpoint = args[1];
    int me = Integer.parseInt(args[2]);
    int writers = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    Path barrierFile = Path.of(args[5]);
    StoreConfig cfg = endpoint.equals("-") ? StoreConfig.DEFAULTS
        : StoreConfig.DEFAULTS.withEndpoint(endpoint).withRegion("us-east-1")
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    try (ObjectStore store = ObjectStores.open(location, cfg);
        FileChannel ch = FileChannel.open(barrierFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      MappedByteBuffer barrier = ch.map(FileChannel.MapMode.READ_WRITE, 0, 8L * writers);
      store.put("xwarm/" + me, new byte[] {1});
      StringBuilder out = new StringBuilder();
      for (int r = 0; r < rounds; r++) {
        await(barrier, me, writers, r + 1);
        byte[] mine = ("writer-" + me + "-round-" + r).getBytes(StandardCharsets.US_ASCII);
        CreateResult result = store.putIfAbsent(String.format("xrace/%05d", r), mine);
        out.append(r).append(' ').append(result).append('\n');
      }
      System.out.print(out);
      System.out.flush();
    }
  }

  /** Announces that this writer reached {@code round} and waits until every writer has. */
  private static void await(MappedByteBuffer barrier, int me, int writers, long round)
      throws InterruptedException {
    barrier.putLong(8 * me, round);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    for (int i = 0; i < writers; i++) {
      while (barrier.getLong(8 * i) < round) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("writer " + i + " did not reach round " + round);
        }
        LockSupport.parkNanos(20_000);
      }
    }
  }
}
