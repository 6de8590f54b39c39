package dev.floe.shell;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Writes a result set as CSV (or TSV) that {@code floe.read_csv} reads back to the same values: a
 * header of column labels, RFC 4180 quoting (a field is quoted only when it holds the separator, a
 * quote, a line break or leading or trailing blanks), NULL as an empty field and the empty string as
 * {@code ""} (as PostgreSQL's CSV COPY and DuckDB write them), values in their JDBC string form
 * ({@code true}, {@code 10.5}) except TIMESTAMPs, written as {@link TimestampText} says.
 *
 * @param separator the field separator ({@code ,} for CSV, tab for TSV)
 * @param lineEnd what ends each record ({@code \r\n} in files, as RFC 4180 says; a newline on a console)
 */
record CsvExport(char separator, String lineEnd) {
  /** Files written by {@code !export}. */
  static final CsvExport FILE = new CsvExport(',', "\r\n");

  /** Writes every row of {@code rs}; returns how many. */
  long write(ResultSet rs, Writer out) throws SQLException, IOException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    boolean[] timestamp = new boolean[n + 1];
    for (int i = 1; i <= n; i++) {
      field(out, md.getColumnLabel(i), i == 1);
      int type = md.getColumnType(i);
      timestamp[i] = type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE;
    }
    out.write(lineEnd);
    long rows = 0;
    while (rs.next()) {
      for (int i = 1; i <= n; i++) {
        String v = rs.getString(i);
        if (v == null) {
          if (i > 1) {
            out.write(separator);
          }
        } else {
          field(out, timestamp[i] ? TimestampText.of(v) : v, i == 1);
        }
      }
      out.write(lineEnd);
      rows++;
    }
    return rows;
  }

  private void field(Writer out, String v, boolean first) throws IOException {
    if (!first) {
      out.write(separator);
    }
    boolean quote = v.isEmpty() || !v.equals(v.strip());
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == separator || c == '"' || c == '\n' || c == '\r';
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
