package dev.floe.storage.commit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SequencedLogTest {
  private final ObjectStore store = MemoryStore.open("log-" + UUID.randomUUID());
  private final SequencedLog log = new SequencedLog(store, "t/log/");

  private void fill(int n) {
    for (int v = 0; v < n; v++) {
      assertEquals(CreateResult.CREATED, log.create(v, ("x|" + v).getBytes(UTF_8)));
    }
  }

  @Test
  void keysAreTwentyDigitsAndSortByVersion() {
    assertEquals("t/log/00000000000000000042.json", log.key(42));
    assertEquals(42, log.versionOf(log.key(42)));
    assertEquals(-1, log.versionOf("t/log/_head"));
    assertTrue(log.key(9).compareTo(log.key(10)) < 0);
  }

  @Test
  void emptyLogHasNoHead() {
    assertEquals(OptionalLong.empty(), log.head());
  }

  @Test
  void headIsFoundWithoutHint() {
    fill(5);
    assertEquals(OptionalLong.of(4), log.head());
  }

  @Test
  void staleHintIsNeverTrustedAlone() {
    fill(3);
    log.writeHint(1);
    assertEquals(OptionalLong.of(2), log.head());
  }

  @Test
  void bogusHintBeyondTheHeadFallsBackToAFullListing() {
    fill(3);
    log.writeHint(99);
    assertEquals(OptionalLong.of(2), log.head());
    store.put(log.hintKey(), "garbage".getBytes(UTF_8));
    assertEquals(OptionalLong.of(2), log.head());
  }

  @Test
  void aWarmReaderFindsTheHeadWithOneListing() {
    fill(10);
    CountingStore counting = new CountingStore(store);
    SequencedLog l = new SequencedLog(counting, "t/log/");
    assertEquals(9, l.headAfter(7));
    assertEquals(1, counting.counts().totalRequests());
    assertEquals(1, counting.counts().requests(StoreOp.LIST));
    assertEquals(9, l.headAfter(9));
  }

  @Test
  void recordsAreCreatedOnlyOnce() {
    fill(1);
    assertEquals(CreateResult.ALREADY_EXISTS, log.create(0, "y|0".getBytes(UTF_8)));
    assertEquals("x|0", new String(log.read(0), UTF_8));
  }
}
