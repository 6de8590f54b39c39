package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Floe behind a HikariCP pool, used through Spring's {@link JdbcTemplate} and {@link
 * TransactionTemplate} the way an application would: committed transactions keep their rows,
 * transactions ended by an exception leave none, and concurrent threads sharing the pool all read
 * correct answers. Runs on every backend, with the pool's connections in autocommit and not.
 */
class HikariSpringTest {
  private static final int THREADS = 4;
  private static final int QUERIES_PER_THREAD = 200;
  private static final int ROWS = 100;

  static List<Object[]> backendsAndAutocommit() {
    List<Object[]> cases = new ArrayList<>();
    Stores.kinds().forEach(k -> {
      cases.add(new Object[] {k, true});
      cases.add(new Object[] {k, false});
    });
    return cases;
  }

  private static HikariDataSource pool(String url, boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setDataSourceProperties(Stores.credentials());
    config.setAutoCommit(autoCommit);
    config.setMaximumPoolSize(THREADS);
    config.setPoolName("floe-" + (autoCommit ? "autocommit" : "manual"));
    return new HikariDataSource(config);
  }

  @ParameterizedTest(name = "{0}, autocommit={1}")
  @MethodSource("backendsAndAutocommit")
  void transactionsCommitAndRollBackThroughThePool(String kind, boolean autoCommit) {
    try (HikariDataSource ds = pool(Stores.fresh(kind), autoCommit)) {
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
      tx.executeWithoutResult(s -> jdbc.execute("CREATE TABLE accounts (id INT NOT NULL, owner VARCHAR, balance BIGINT)"));

      tx.executeWithoutResult(s -> {
        jdbc.update("INSERT INTO accounts VALUES (?, ?, ?)", 1, "ann", 100L);
        jdbc.update("INSERT INTO accounts VALUES (?, ?, ?)", 2, "bob", 200L);
        // the transaction reads its own uncommitted rows
        assertEquals(2, jdbc.queryForObject("SELECT COUNT(*) FROM accounts", Long.class));
      });

      IllegalStateException boom = assertThrows(IllegalStateException.class, () -> tx.executeWithoutResult(s -> {
        jdbc.update("INSERT INTO accounts VALUES (?, ?, ?)", 3, "cy", 300L);
        jdbc.update("INSERT INTO accounts VALUES (?, ?, ?)", 4, "dee", 400L);
        assertEquals(4, jdbc.queryForObject("SELECT COUNT(*) FROM accounts", Long.class));
        throw new IllegalStateException("application failure inside the transaction");
      }));
      assertEquals("application failure inside the transaction", boom.getMessage());

      Long afterRollback = tx.execute(s -> jdbc.queryForObject("SELECT COUNT(*) FROM accounts", Long.class));
      assertEquals(2L, afterRollback);
      assertEquals(List.of("ann", "bob"), jdbc.query("SELECT owner, id FROM accounts ORDER BY id", (rs, i) -> rs.getString(1)));
      assertEquals(300L, jdbc.queryForObject("SELECT SUM(balance) FROM accounts", Long.class));

      // a second committed transaction after the rolled-back one, on a pooled (reused) connection
      tx.executeWithoutResult(s -> jdbc.update("INSERT INTO accounts VALUES (?, ?, ?)", 5, "eve", 500L));
      assertEquals(List.of(1, 2, 5), jdbc.query("SELECT id, owner FROM accounts ORDER BY id", (rs, i) -> rs.getInt(1)));
    }
  }

  @ParameterizedTest(name = "autocommit={0}")
  @ValueSource(booleans = {true, false})
  void aReadOnlyTransactionRefusesWritesAndLeavesThePooledConnectionWritable(boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(Stores.fresh("mem"));
    config.setAutoCommit(autoCommit);
    config.setMaximumPoolSize(1); // the read-only transaction and the next one share a connection
    try (HikariDataSource ds = new HikariDataSource(config)) {
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
      tx.executeWithoutResult(s -> jdbc.execute("CREATE TABLE notes (id INT NOT NULL, body VARCHAR)"));
      tx.executeWithoutResult(s -> jdbc.update("INSERT INTO notes VALUES (1, 'kept')"));

      TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(ds));
      readOnly.setReadOnly(true);
      DataAccessException refused = assertThrows(DataAccessException.class, () -> readOnly.executeWithoutResult(s -> {
        assertEquals(1, jdbc.queryForObject("SELECT COUNT(*) FROM notes", Long.class));
        jdbc.update("INSERT INTO notes VALUES (2, 'refused')");
      }));
      SQLException cause = (SQLException) refused.getMostSpecificCause();
      assertEquals("25006", cause.getSQLState(), cause.toString());

      tx.executeWithoutResult(s -> jdbc.update("INSERT INTO notes VALUES (3, 'after')"));
      assertEquals(List.of(1, 3), jdbc.query("SELECT id, body FROM notes ORDER BY id", (rs, i) -> rs.getInt(1)));
    }
  }

  /** Every backend once; the folder's pool without autocommit (its reads end in the pool's rollback). */
  static List<Object[]> backendsForConcurrency() {
    return List.of(new Object[] {"mem", true}, new Object[] {"file", false}, new Object[] {"s3", true});
  }

  @ParameterizedTest(name = "{0}, autocommit={1}")
  @MethodSource("backendsForConcurrency")
  void concurrentThreadsShareThePoolAndReadCorrectAnswers(String kind, boolean autoCommit) throws Exception {
    try (HikariDataSource ds = pool(Stores.fresh(kind), autoCommit)) {
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
      tx.executeWithoutResult(s -> {
        jdbc.execute("CREATE TABLE squares (id INT NOT NULL, sq BIGINT, label VARCHAR)");
      });
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < ROWS; i++) {
        rows.add(new Object[] {i, (long) i * i, "n" + i});
      }
      tx.executeWithoutResult(s -> jdbc.batchUpdate("INSERT INTO squares VALUES (?, ?, ?)", rows));

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          results.add(pool.submit(() -> {
            int checked = 0;
            for (int q = 0; q < QUERIES_PER_THREAD; q++) {
              int id = (thread * 37 + q * 11) % ROWS;
              switch (q % 3) {
                case 0 -> assertEquals((long) id * id, jdbc.queryForObject(
                    "SELECT sq FROM squares WHERE id = ?", Long.class, id), "square of " + id);
                case 1 -> assertEquals("n" + id, jdbc.queryForObject(
                    "SELECT label FROM squares WHERE sq = ?", String.class, (long) id * id));
                default -> assertEquals((long) id * (id + 1) / 2, jdbc.queryForObject(
                    "SELECT SUM(id) FROM squares WHERE id <= ?", Long.class, id), "0 + 1 + ... + " + id);
              }
              checked++;
            }
            return checked;
          }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
          total += f.get(120, TimeUnit.SECONDS);
        }
        assertEquals(THREADS * QUERIES_PER_THREAD, total);
      } finally {
        pool.shutdownNow();
      }
      assertTrue(ds.getHikariPoolMXBean().getTotalConnections() <= THREADS);
    }
  }
}
