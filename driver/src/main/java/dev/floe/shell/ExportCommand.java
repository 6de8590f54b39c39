package dev.floe.shell;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * through the shell's own connection. The file is written to a hidden sibling and moved into
 * place, so a failed export leaves no partial file; it gets the permissions of any new file. A
 * folder that does not exist is an error (the shell does not create folders).
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
      if (!Files.isDirectory(dir)) {
        throw new IOException("cannot export to " + file + ": the folder " + dir + " does not exist;"
            + " create it first or give a file in an existing folder");
      }
      // created as any new file is (0644 under the usual umask), not as a private temp file (0600)
      tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      long rows;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql);
          BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8,
              StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        rows = CsvExport.FILE.write(rs, w);
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      // on standard error, like a progress bar: standard output may be the data itself
      sqlLine.output(String.format("%,d rows exported to %s (%.3f seconds)", rows, file,
          (System.nanoTime() - start) / 1e9), true, FloeBridge.errorStream(sqlLine));
      callback.setToSuccess();
    } catch (SQLException | RuntimeException e) {
      callback.setToFailure();
      sqlLine.handleException(e);
    } catch (IOException e) {
      callback.setToFailure();
      sqlLine.handleException(e.getMessage() != null && e.getMessage().startsWith("cannot export") ? e
          : new IOException("cannot export to " + file + ": " + e, e));
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
