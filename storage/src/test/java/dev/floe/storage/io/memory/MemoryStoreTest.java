package dev.floe.storage.io.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStoreContract;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.io.StoreConfig;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends ObjectStoreContract {
  private String name;

  @Override
  protected ObjectStore newStore() {
    name = "contract-" + UUID.randomUUID();
    return ObjectStores.open("mem:" + name, StoreConfig.DEFAULTS);
  }

  @Override
  protected ObjectStore anotherClient() {
    return MemoryStore.open(name);
  }

  @Test
  void storesOfOneNameShareObjectsAndDiscardForgetsThem() {
    ObjectStore other = anotherClient();
    store.putIfAbsent("x", new byte[] {9});
    assertArrayEquals(new byte[] {9}, other.get("x"));
    MemoryStore.discard(name);
    assertThrows(ObjectNotFoundException.class, () -> MemoryStore.open(name).get("x"));
  }

  @Test
  void storedBytesCannotBeChangedByTheCaller() {
    byte[] bytes = {1, 2, 3};
    store.putIfAbsent("x", bytes);
    bytes[0] = 42;
    store.get("x")[1] = 42;
    assertArrayEquals(new byte[] {1, 2, 3}, store.get("x"));
    assertEquals("mem:" + name, store.location());
  }
}
