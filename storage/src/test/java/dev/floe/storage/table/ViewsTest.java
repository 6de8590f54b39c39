package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.ObjectInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ViewsTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void createReplaceAndDropAreSeenByAnotherClient(Backend b) {
    try (b; FloeStore one = b.floe(); FloeStore two = b.floe()) {
      one.views().create("v", "SELECT 1", false);
      assertEquals(Optional.of("SELECT 1"), two.views().find("v"));
      FloeException dup = assertThrows(FloeException.class, () -> two.views().create("v", "SELECT 2", false));
      assertEquals(ErrorCode.TABLE_EXISTS, dup.code());
      assertEquals(Optional.of("SELECT 1"), one.views().find("v"), "a refused CREATE changes nothing");
      two.views().create("v", "SELECT 2", true);
      one.views().create("Other", "SELECT 3", false);
      assertEquals(Map.of("Other", "SELECT 3", "v", "SELECT 2"), one.views().definitions());
      assertTrue(one.views().drop("v", false));
      assertEquals(Optional.empty(), two.views().find("v"));
      FloeException missing = assertThrows(FloeException.class, () -> two.views().drop("v", false));
      assertEquals(ErrorCode.TABLE_NOT_FOUND, missing.code());
      assertFalse(two.views().drop("v", true));
      two.views().create("v", "SELECT 4", false);
      assertEquals(Map.of("Other", "SELECT 3", "v", "SELECT 4"), one.views().definitions());
      List<String> keys = new ArrayList<>();
      try (Stream<ObjectInfo> s = b.open().list(Views.PREFIX + "oy/", null)) {
        s.forEach(i -> keys.add(i.key()));
      }
      assertEquals(List.of("views/oy/00000000000000000001.json", "views/oy/00000000000000000002.json",
          "views/oy/00000000000000000003.json", "views/oy/00000000000000000004.json"), keys,
          "one immutable op per change, under b32(name)");
      assertEquals(List.of(), one.tables(), "views are not tables");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void ofConcurrentCreatorsExactlyOneWins(Backend b) throws Exception {
    int n = 4;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try (b) {
      CyclicBarrier start = new CyclicBarrier(n);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String sql = "SELECT " + i;
        results.add(pool.submit(() -> {
          try (FloeStore f = b.floe()) {
            start.await();
            try {
              f.views().create("v", sql, false);
              return sql;
            } catch (FloeException e) {
              assertEquals(ErrorCode.TABLE_EXISTS, e.code());
              return null;
            }
          }
        }));
      }
      List<String> winners = new ArrayList<>();
      for (Future<String> r : results) {
        if (r.get() != null) {
          winners.add(r.get());
        }
      }
      assertEquals(1, winners.size(), winners.toString());
      try (FloeStore f = b.floe()) {
        assertEquals(Optional.of(winners.get(0)), f.views().find("v"));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
