package dev.floe.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** Which literals a text shares its plan over, cut out where they stand in the text as written. */
class LiteralParametersTest {
  private static final SqlParser.Config FLOE = SqlParser.config()
      .withParserFactory(dev.floe.planner.ddl.FloeDdlExecutor.PARSER_FACTORY)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withConformance(FloePrepare.CONFORMANCE);

  @Test
  void comparedLiteralsBecomeParametersInOrder() {
    LiteralParameters.Parameterized p = LiteralParameters.of(
        "SELECT 2.5, x FROM t\nWHERE ts >= TIMESTAMP '2026-01-01 00:00:00' AND 'it''s' = s OR n BETWEEN -3 AND 4E0", FLOE);
    assertNotNull(p);
    assertEquals("SELECT 2.5, x FROM t\nWHERE ts >= ? AND ? = s OR n BETWEEN ? AND ?", p.sql());
    assertEquals("TIMESTAMP,CHAR,DECIMAL,DOUBLE,", p.kinds());
  }

  @Test
  void literalsOutsideWhereComparisonsStay() {
    assertNull(LiteralParameters.of("SELECT 1 + 1, x FROM t ORDER BY 1 LIMIT 10", FLOE));
    assertNull(LiteralParameters.of("SELECT x FROM t WHERE x + 1 > y", FLOE), "not compared with a column");
    assertNull(LiteralParameters.of("SELECT x FROM t WHERE x = ?", FLOE), "a text with parameters of its own");
  }

  /** The parser reads {@code x::INTEGER} as {@code CAST(x AS INTEGER)}: its positions are not the text's. */
  @Test
  void aTextTheParserRewroteFirstKeepsItsLiterals() {
    // the rewrite adds 8 characters before the WHERE clause: cut at the parser's positions, "1"
    // would fall on "3" and "3" on the "B" of BY
    assertNull(LiteralParameters.of("SELECT id::INTEGER FROM t WHERE id = 1 OR x =3 ORDER BY id", FLOE));
  }
}
