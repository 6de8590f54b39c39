package dev.floe.planner;

import java.util.List;
import java.util.UUID;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * PostgreSQL's {@code gen_random_uuid()}: a random (version 4) UUID as its 36-character text, a
 * new one for every row. The operator says it is not deterministic, so no planner rule may fold a
 * call into one constant (Calcite's functions made from Java methods all claim to be deterministic;
 * Floe's program happens not to fold projections today, so no test shows the difference). Two calls
 * in one row are one value: Calcite's code generation shares identical expressions, so {@code
 * gen_random_uuid() = gen_random_uuid()} is TRUE (PostgreSQL: FALSE).
 */
public final class RandomUuid {
  private RandomUuid() {}

  /** The operator {@link FloeFunctions} resolves {@code gen_random_uuid} to. */
  static final SqlOperator OPERATOR = new SqlUserDefinedFunction(
      new SqlIdentifier("GEN_RANDOM_UUID", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
      ReturnTypes.explicit(SqlTypeName.CHAR, 36), null,
      OperandTypes.operandMetadata(List.of(), tf -> List.of(), i -> "", i -> false),
      ScalarFunctionImpl.create(RandomUuid.class, "next")) {
    @Override
    public boolean isDeterministic() {
      return false;
    }
  };

  /** A new random UUID's text; public for Calcite's code generation. */
  public static String next() {
    return UUID.randomUUID().toString();
  }
}
