package dev.floe.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The statement rewrites FloeSltExecutor applies to sqllogictest files. */
class FloeSltExecutorTest {
  @Test
  void createIndexIsRecognized() {
    assertTrue(FloeSltExecutor.isCreateIndex("CREATE INDEX t1i0 ON t1(e1,x1)"));
    assertTrue(FloeSltExecutor.isCreateIndex("create  unique\nindex t1i0 on t1(a1)"));
    assertFalse(FloeSltExecutor.isCreateIndex("CREATE TABLE index_t(a INTEGER)"));
  }

  @Test
  void aColumnPrimaryKeyBecomesATableConstraint() {
    assertEquals("CREATE TABLE t1(\n  a1 INTEGER,\n  b1 INTEGER,\n  x1 VARCHAR(40)\n, PRIMARY KEY (a1))",
        FloeSltExecutor.tableLevelPrimaryKey("CREATE TABLE t1(\n  a1 INTEGER PRIMARY KEY,\n  b1 INTEGER,\n  x1 VARCHAR(40)\n)"));
    assertEquals("CREATE TABLE t(k VARCHAR(10), v INTEGER, PRIMARY KEY (k))",
        FloeSltExecutor.tableLevelPrimaryKey("CREATE TABLE t(k VARCHAR(10) primary key, v INTEGER)"));
    String plain = "CREATE TABLE t1(a INTEGER, b INTEGER)";
    assertEquals(plain, FloeSltExecutor.tableLevelPrimaryKey(plain));
    assertEquals("INSERT INTO t VALUES(1)", FloeSltExecutor.tableLevelPrimaryKey("INSERT INTO t VALUES(1)"));
  }
}
