package dev.floe.planner.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Reads a CSV file record by record (RFC 4180: comma, or the given separator, {@code "} quoted, a UTF-8 byte
 * order mark skipped). The first record is the header. An unquoted empty field is NULL, a quoted
 * one ({@code ""}) the empty string, as in PostgreSQL's COPY. Blank lines are skipped, except in a
 * one-column file, where a blank line is a NULL. Every record must have as many fields as the
 * header.
 */
final class CsvCursor implements Closeable {
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setQuoteMode(QuoteMode.ALL_NON_NULL) // tells "" (empty string) from an absent field (NULL)
      .setIgnoreEmptyLines(false)
      .get();

  private final String file;
  private final CountingStream bytes;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private final long size;
  private long line = 1; // line number of the last record returned

  private CsvCursor(String file, long size, CountingStream bytes, CSVParser parser) {
    this.file = file;
    this.size = size;
    this.bytes = bytes;
    this.parser = parser;
    this.records = parser.iterator();
    if (!hasNextRecord()) {
      throw new CsvException(CsvException.Kind.BAD_FORMAT,
          "CSV file '" + file + "' is empty; floe.read_csv needs a header line with the column names");
    }
    CSVRecord h = records.next();
    List<String> names = new ArrayList<>();
    h.forEach(names::add);
    this.header = List.copyOf(names.stream().map(n -> n == null ? "" : n).toList());
  }

  /**
   * Opens {@code real} (the path {@link FileAccess#check} returned for {@code file}, which is how
   * messages name it) and reads its header. A link as the last component is not followed: the
   * path was checked as it is.
   *
   * @throws CsvException FILE_NOT_FOUND, IO, or BAD_FORMAT for an empty file
   */
  static CsvCursor open(String file, Path real, char delimiter) {
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(real)) {
      throw new CsvException(CsvException.Kind.FILE_NOT_FOUND, "cannot read CSV file '" + file + "'"
          + (Files.isDirectory(real) ? ": it is a folder" : Files.exists(real) ? ": it is not a readable file" : ": no such file")
          + " (relative paths are resolved against " + Path.of("").toAbsolutePath() + ")");
    }
    CountingStream in = null;
    try {
      long size = Files.size(real);
      in = new CountingStream(Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.READ));
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
      CSVFormat format = delimiter == ',' ? FORMAT : FORMAT.builder().setDelimiter(delimiter).get();
      return new CsvCursor(file, size, in, CSVParser.parse(reader, format));
    } catch (NoSuchFileException e) {
      closeQuietly(in);
      throw new CsvException(CsvException.Kind.FILE_NOT_FOUND, "cannot read CSV file '" + file + "': no such file", e);
    } catch (IOException e) {
      closeQuietly(in);
      throw readFailure(file, e, 0);
    } catch (RuntimeException e) {
      closeQuietly(in);
      throw e;
    }
  }

  String file() {
    return file;
  }

  /** The header's field names, as written. */
  List<String> header() {
    return header;
  }

  long bytesRead() {
    return bytes.count;
  }

  long size() {
    return size;
  }

  /** The line on which the last record returned ended (1 is the header). */
  long line() {
    return line;
  }

  /**
   * The next record's fields (null for NULL), or null at the end of the file.
   *
   * @throws CsvException BAD_FORMAT for a ragged row or broken quoting, IO when reading fails
   */
  String[] next() {
    while (hasNextRecord()) {
      CSVRecord r = records.next();
      line = parser.getCurrentLineNumber() + (parser.getCurrentLineNumber() == 0 ? 1 : 0);
      if (r.size() == 1 && r.get(0) == null && header.size() > 1) {
        continue; // a blank line
      }
      if (r.size() != header.size()) {
        throw new CsvException(CsvException.Kind.BAD_FORMAT, "CSV file '" + file + "', line " + line + ": "
            + r.size() + (r.size() == 1 ? " field" : " fields") + " where the header has " + header.size()
            + "; every line needs one field per header column (quote fields that contain commas)");
      }
      String[] fields = new String[r.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = r.get(i);
      }
      return fields;
    }
    return null;
  }

  private boolean hasNextRecord() {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      throw readFailure(file, e.getCause(), parser.getCurrentLineNumber());
    }
  }

  /**
   * A failure to read: a file system failure keeps its message (which names the file, never its
   * content) and cause; the CSV parser's complaint about quoting becomes BAD_FORMAT with the line
   * and no cause, since a parser's message may quote the text it stumbled on.
   */
  private static CsvException readFailure(String file, IOException c, long line) {
    if (c instanceof FileSystemException) {
      String reason = ((FileSystemException) c).getReason();
      return new CsvException(CsvException.Kind.IO, "cannot read CSV file '" + file + "': "
          + c.getClass().getSimpleName() + (reason == null ? "" : " (" + reason + ")"), c);
    }
    if (c instanceof CSVException || c.getClass() == IOException.class) {
      // commons-csv reports malformed quoting as a plain IOException (CSVException since 1.12)
      return new CsvException(CsvException.Kind.BAD_FORMAT, "CSV file '" + file + "' is malformed at or after line "
          + Math.max(1, line) + ": a quote inside an unquoted field, text after a closing quote, or a quote"
          + " never closed; quote fields with \" and write a \" inside a quoted field as \"\"");
    }
    return new CsvException(CsvException.Kind.IO, "cannot read CSV file '" + file + "': " + c.getClass().getSimpleName());
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // closing a read-only file: nothing is lost
    }
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // already failing
      }
    }
  }

  /** Counts the bytes read, for progress. */
  private static final class CountingStream extends FilterInputStream {
    private volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
