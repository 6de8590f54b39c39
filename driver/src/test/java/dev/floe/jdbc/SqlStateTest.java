package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlStateTest {
  @Test
  void eachClassGetsItsJdbc4Subclass() {
    for (SqlState s : SqlState.values()) {
      SQLException e = s.exception("m");
      assertEquals(s.code(), e.getSQLState());
      assertEquals(5, s.code().length());
      String cls = s.code().substring(0, 2);
      Class<?> expected = switch (cls) {
        case "42" -> SQLSyntaxErrorException.class;
        case "22" -> SQLDataException.class;
        case "23" -> SQLIntegrityConstraintViolationException.class;
        case "40" -> SQLTransactionRollbackException.class;
        case "28" -> SQLInvalidAuthorizationSpecException.class;
        case "0A" -> SQLFeatureNotSupportedException.class;
        case "08" -> s == SqlState.STORE_UNAVAILABLE
            ? SQLTransientConnectionException.class : SQLNonTransientConnectionException.class;
        default -> SQLException.class;
      };
      assertTrue(expected.isInstance(e), s + " -> " + e.getClass());
    }
  }

  @Test
  void storageCodesMapToTheirConstantsAndUnknownCodesToTheirClass() {
    for (dev.floe.storage.commit.ErrorCode code : dev.floe.storage.commit.ErrorCode.values()) {
      assertEquals(code.sqlState(), SqlState.forCode(code.sqlState()).code(), code.name());
    }
    assertEquals(SqlState.STORE_UNAVAILABLE, SqlState.forCode("08006"), "an unreachable store is transient");
    assertEquals(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, SqlState.forCode("42999"));
    assertEquals(SqlState.INTERNAL_ERROR, SqlState.forCode("ZZ000"));
  }
}
