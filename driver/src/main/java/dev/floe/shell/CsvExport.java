package dev.floe.shell;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Writes a result set as CSV that {@code floe.read_csv} reads back to the same values: a header of
 * column labels, RFC 4180 quoting, NULL as an empty field and the empty string as {@code ""}, values
 * in their JDBC string form ({@code 2026-01-02 09:30:00.000}, {@code true}, {@code 10.5}).
 */
final class CsvExport {
  private CsvExport() {}

  /** Writes every row of {@code rs}; returns how many. */
  static long write(ResultSet rs, Writer out) throws SQLException, IOException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    for (int i = 1; i <= n; i++) {
      field(out, md.getColumnLabel(i), i == 1);
    }
    out.write("\r\n");
    long rows = 0;
    while (rs.next()) {
      for (int i = 1; i <= n; i++) {
        String v = rs.getString(i);
        if (v == null) {
          if (i > 1) {
            out.write(',');
          }
        } else {
          field(out, v, i == 1);
        }
      }
      out.write("\r\n");
      rows++;
    }
    return rows;
  }

  private static void field(Writer out, String v, boolean first) throws IOException {
    if (!first) {
      out.write(',');
    }
    boolean quote = v.isEmpty() || !v.equals(v.strip());
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      out.write(v);
      return;
    }
    out.write('"');
    out.write(v.replace("\"", "\"\""));
    out.write('"');
  }
}
