package dev.floe.planner.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The field separator of a CSV file: given ({@code delim => ';'}) or sniffed from its first lines.
 * Sniffing counts {@code ,}, {@code ;}, tab and {@code |} outside double quotes on each of the first
 * {@link #SAMPLE_LINES} lines and takes the candidate that appears the same, non-zero number of times
 * on every line (the most often if several do, the earlier in that list on a tie); if none is that
 * regular, the one most frequent on the header line; if none appears at all, a comma (a one-column
 * file).
 */
final class CsvDelimiter {
  static final char[] CANDIDATES = {',', ';', '\t', '|'};
  static final int SAMPLE_LINES = 20;
  private static final int SAMPLE_CHARS = 1 << 16;

  private CsvDelimiter() {}

  /**
   * The separator {@code given} names: one character, or the words {@code tab}/{@code \t}.
   *
   * @throws CsvException BAD_ARGUMENT for anything else
   */
  static char parse(String given) {
    if (given.equals("\\t") || given.equalsIgnoreCase("tab")) {
      return '\t';
    }
    if (given.length() != 1 || given.charAt(0) == '"' || given.charAt(0) == '\n' || given.charAt(0) == '\r') {
      throw new CsvException(CsvException.Kind.BAD_ARGUMENT, "floe.read_csv's delim must be one character other"
          + " than a quote or a line break, such as delim => ';', or '\\t' for a tab; it was '" + given + "'");
    }
    return given.charAt(0);
  }

  /** The separator of the file at {@code real}, from its first lines (comma if it cannot be read). */
  static char sniff(Path real) {
    try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(
        Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.READ), StandardCharsets.UTF_8))) {
      char[] buf = new char[SAMPLE_CHARS];
      int n = r.read(buf);
      return n <= 0 ? ',' : sniff(new String(buf, 0, n));
    } catch (IOException | RuntimeException e) {
      return ','; // reading it again fails with the reason
    }
  }

  /** The separator of a file beginning with {@code sample}. */
  static char sniff(String sample) {
    List<int[]> lines = counts(sample);
    if (lines.isEmpty()) {
      return ',';
    }
    int best = -1;
    for (int c = 0; c < CANDIDATES.length; c++) {
      int first = lines.get(0)[c];
      boolean regular = first > 0;
      for (int[] line : lines) {
        regular &= line[c] == first;
      }
      if (regular && (best < 0 || first > lines.get(0)[best])) {
        best = c;
      }
    }
    if (best < 0) {
      int[] header = lines.get(0);
      for (int c = 0; c < CANDIDATES.length; c++) {
        if (header[c] > 0 && (best < 0 || header[c] > header[best])) {
          best = c;
        }
      }
    }
    return best < 0 ? ',' : CANDIDATES[best];
  }

  /** Per complete line of {@code sample} (a quoted line break stays inside its line), the count of each candidate. */
  private static List<int[]> counts(String sample) {
    List<int[]> out = new ArrayList<>();
    int[] current = new int[CANDIDATES.length];
    boolean quoted = false;
    boolean empty = true;
    for (int i = 0; i < sample.length() && out.size() < SAMPLE_LINES; i++) {
      char ch = sample.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted && (ch == '\n' || ch == '\r')) {
        if (!empty) {
          out.add(current);
        }
        current = new int[CANDIDATES.length];
        empty = true;
        continue;
      } else if (!quoted) {
        for (int c = 0; c < CANDIDATES.length; c++) {
          if (ch == CANDIDATES[c]) {
            current[c]++;
          }
        }
      }
      empty = false;
    }
    if (out.isEmpty() && !empty) {
      out.add(current); // one line without its end: all there is
    }
    return out;
  }
}
