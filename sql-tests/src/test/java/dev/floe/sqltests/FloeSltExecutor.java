package dev.floe.sqltests;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import net.hydromatic.sqllogictest.ISqlTestOperation;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltSqlStatement;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.SqlTestQuery;
import net.hydromatic.sqllogictest.TestStatistics;
import net.hydromatic.sqllogictest.executors.JdbcExecutor;

/**
 * Runs one sqllogictest file of {@code net.hydromatic:sql-logic-test} against a Floe URL and
 * counts its queries that pass and fail.
 *
 * <p>Differences from the library's own {@link JdbcExecutor#execute} loop, which this replaces:
 * <ul>
 *   <li>A statement that should succeed but fails is recorded and the file goes on (the library
 *       stops the file), so one unsupported statement does not hide every later query.</li>
 *   <li>Every failure is kept with its query, for the known-failures list.</li>
 * </ul>
 * Result rows are compared by the library's {@link JdbcExecutor#validate}, which formats values the
 * way SQLite's reference results are written (integers, reals to 3 places, text).
 */
final class FloeSltExecutor extends JdbcExecutor {
  /** One query or statement that did not give the expected outcome. */
  record Failure(String sql, String reason) {}

  /** Outcome of one file: queries passed and failed, statements that failed, and why. */
  record FileResult(String file, int passed, int failed, int statementsFailed, List<Failure> failures) {
    int total() {
      return passed + failed;
    }
  }

  private final List<Failure> failures = new ArrayList<>();
  private int statementsFailed;

  FloeSltExecutor(String url, String user, String password) {
    super(quietOptions(), url, user, password);
  }

  private static OptionsParser.SuppliedOptions quietOptions() {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    return new OptionsParser(false, nowhere, nowhere).getOptions();
  }

  /** Parses resource {@code file} (e.g. {@code test/select1.test}) and runs it on a new connection. */
  FileResult run(String file) throws Exception {
    SltTestFile test = new SltTestFile(file);
    test.parse(options);
    Recording stats = new Recording();
    establishConnection();
    try {
      for (ISqlTestOperation operation : test.fileContents) {
        SltSqlStatement statement = operation.as(SltSqlStatement.class);
        if (statement != null) {
          runStatement(statement);
        } else {
          runQuery(operation.to(options.err, SqlTestQuery.class), stats);
        }
      }
    } finally {
      closeConnection();
    }
    return new FileResult(file, stats.getPassedTestCount(), stats.getFailedTestCount(), statementsFailed,
        List.copyOf(failures));
  }

  private void runStatement(SltSqlStatement statement) {
    String sql = statement.statement;
    try (Statement s = getConnection().createStatement()) {
      s.execute(sql);
      if (!statement.shouldPass) {
        statementsFailed++;
        failures.add(new Failure(sql, "statement error expected, but it succeeded"));
      }
    } catch (SQLException e) {
      if (statement.shouldPass) {
        statementsFailed++;
        failures.add(new Failure(sql, "statement failed: " + e.getSQLState() + " " + firstLine(e.getMessage())));
      }
    }
  }

  private void runQuery(SqlTestQuery query, Recording stats) {
    try (Statement s = getConnection().createStatement();
        var rs = s.executeQuery(query.getQuery())) {
      validate(query, rs, query.outputDescription, stats);
    } catch (SQLException e) {
      stats.addFailure(new TestStatistics.FailedTestDescription(query,
          "query failed: " + e.getSQLState() + " " + firstLine(e.getMessage()), "", null));
    } catch (Exception | AssertionError e) {
      stats.addFailure(new TestStatistics.FailedTestDescription(query,
          "exception: " + e.getClass().getSimpleName() + " " + firstLine(e.getMessage()), "", null));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Statistics that also keep each failure's query and reason in this executor. */
  private final class Recording extends TestStatistics {
    Recording() {
      super(false, 0);
    }

    @Override
    public boolean addFailure(FailedTestDescription failure) {
      failures.add(new Failure(failure.query.getQuery(), failure.error == null ? "" : failure.error));
      return super.addFailure(failure);
    }
  }
}
