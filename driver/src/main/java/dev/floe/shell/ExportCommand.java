package dev.floe.shell;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import sqlline.AbstractCommandHandler;
import sqlline.DispatchCallback;
import sqlline.FloeBridge;
import sqlline.SqlLine;

/**
 * {@code !export FILE QUERY-OR-TABLE}: writes a query's result (or a whole table) to a CSV file
 * through the shell's own connection. The file is written to a temporary sibling and moved into
 * place, so a failed export leaves no partial file.
 */
final class ExportCommand extends AbstractCommandHandler {
  static final String USAGE = "Usage: !export <file.csv> <SELECT ... | table name>";

  ExportCommand(SqlLine sqlLine) {
    super(sqlLine, new String[] {"export"}, "Write a query's result or a table to a CSV file: "
        + "!export <file.csv> <SELECT ... | table>", List.of());
  }

  @Override
  public void execute(String line, DispatchCallback callback) {
    String rest = line.trim().replaceFirst("^!?export\\s*", "").trim();
    if (rest.endsWith(";")) {
      rest = rest.substring(0, rest.length() - 1).trim();
    }
    int space = rest.indexOf(' ');
    if (rest.isEmpty() || space < 0) {
      callback.setToFailure();
      sqlLine.error(USAGE);
      return;
    }
    Path file = Path.of(rest.substring(0, space));
    String what = rest.substring(space + 1).trim();
    String sql = what.matches("(?is)(select|values|with|table)\\b.*") ? what : "SELECT * FROM " + what;
    long start = System.nanoTime();
    Path tmp = null;
    try {
      Connection c = FloeBridge.connection(sqlLine);
      Path dir = file.toAbsolutePath().getParent();
      tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      long rows;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql);
          BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        rows = CsvExport.write(rs, w);
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      // on standard error, like a progress bar: standard output may be the data itself
      sqlLine.output(String.format("%,d rows exported to %s (%.3f seconds)", rows, file,
          (System.nanoTime() - start) / 1e9), true, FloeBridge.errorStream(sqlLine));
      callback.setToSuccess();
    } catch (SQLException | IOException | RuntimeException e) {
      callback.setToFailure();
      sqlLine.handleException(e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // best effort
        }
      }
    }
  }
}
