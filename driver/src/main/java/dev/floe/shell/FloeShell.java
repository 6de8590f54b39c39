package dev.floe.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import dev.floe.jdbc.FloeProperty;
import dev.floe.jdbc.FloeUrl;
import dev.floe.planner.csv.CsvProgress;
import dev.floe.storage.table.ScanProgress;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.sql.ResultSet;
import sqlline.FloeShellBase;
import sqlline.SqlLine;

/**
 * The {@code floe} SQL shell: sqlline with Floe's defaults (the embedded default store, aligned
 * tables, timing per statement, errors as one line with their SQLState, floe.read_csv limited to
 * files below the working directory unless the URL says otherwise). Interactive on a terminal;
 * with {@code -e}, {@code -f} or a script on standard input it runs the statements and exits with
 * 0 if all succeeded, 2 if one failed (it stops at the first failure), 1 for bad arguments.
 *
 * <p>On a terminal sqlline builds JLine's system terminal (line editing, history, Ctrl-C): Ctrl-C
 * while a statement runs cancels it (57014) and returns to the prompt; a statement that runs longer
 * than a second shows its progress ({@link QueryProgress}).
 */
public final class FloeShell {
  /** Held so the logger's level is not lost to garbage collection. */
  private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

  private FloeShell() {}

  public static void main(String[] args) throws IOException {
    try {
      // the driver's class initializer settles logging (QuietLogging) before anything logs
      Class.forName(dev.floe.jdbc.FloeDriver.class.getName());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the shell; returns the exit status. */
  static int run(String[] argv, InputStream in, PrintStream out, PrintStream err) throws IOException {
    ShellArgs args;
    try {
      args = ShellArgs.parse(argv);
    } catch (IllegalArgumentException e) {
      err.println("floe: " + e.getMessage());
      err.println(ShellArgs.USAGE);
      return 1;
    }
    if (args.help()) {
      out.println(ShellArgs.USAGE);
      return 0;
    }
    boolean batch = !args.commands().isEmpty() || args.file() != null || System.console() == null;
    if (args.demo()) {
      int status = Demo.run(args.url(), args.demoRows(), out, err);
      if (status != 0 || (batch && args.commands().isEmpty() && args.file() == null)) {
        return status;
      }
    }
    List<String> sl = new ArrayList<>(List.of(
        "-ac", FloeApplication.class.getName(),
        "-u", withShellDefaults(args.url()), "-n", "", "-p", "", "-d", "dev.floe.jdbc.FloeDriver",
        "--outputformat=" + args.outputFormat(),
        "--verbose=" + args.verbose(),
        "--showWarnings=false",
        "--showNestedErrs=false",
        "--fastConnect=true",
        "--isolation=TRANSACTION_READ_COMMITTED",
        "--incremental=false",
        "--maxWidth=" + Math.max(80, terminalWidth()),
        "--connectInteractionMode=notAskCredentials",
        "--historyfile=" + historyFile()));
    Path script = null;
    if (!args.commands().isEmpty()) {
      script = Files.createTempFile("floe-", ".sql");
      Files.writeString(script, String.join(";\n", args.commands()) + ";\n", StandardCharsets.UTF_8);
    } else if (args.file() != null) {
      script = Path.of(args.file());
      if (!Files.isReadable(script)) {
        err.println("floe: cannot read script file '" + script + "'");
        return 1;
      }
    } else if (batch) {
      script = Files.createTempFile("floe-", ".sql");
      Files.write(script, in.readAllBytes());
    }
    if (batch) {
      // a script runs without a terminal: no prompts, no echo, no escape codes
      System.setProperty("org.jline.terminal.type", "dumb");
      sl.add("--silent=true");
      sl.add("--run=" + script);
    }
    JLINE_LOG.setLevel(Level.SEVERE); // no "dumb terminal" warning when input is a pipe
    QueryProgress progress = System.console() != null ? new QueryProgress(err) : null;
    Shell shell = new Shell(args.verbose(), err, progress);
    shell.getOpts().setCsvQuoteCharacter("\""); // standard CSV quoting, not sqlline's single quote
    if (readOnly(args.url())) {
      sl.add("--readOnly=true"); // sqlline sets its own readOnly (default false) on the connection it opens
    }
    String nullText = nullText(args.outputFormat());
    if (nullText != null) {
      shell.getOpts().set(sqlline.BuiltInProperty.NULL_VALUE, nullText);
    }
    shell.setOutputStream(out);
    shell.setErrorStream(err);
    SqlLine.Status status;
    CsvProgress.listen(new CsvLoadProgress(err, progress == null ? () -> { } : progress::stop));
    ScanProgress.listen(progress);
    try {
      // interactive: null makes sqlline build JLine's system terminal (raw mode, keys, Ctrl-C as a signal
      // that cancels the running statement); a stream would be an external terminal on top of a cooked tty
      status = shell.begin(sl.toArray(new String[0]), batch ? InputStream.nullInputStream() : null, !batch);
    } finally {
      CsvProgress.listen(null);
      ScanProgress.listen(null);
      if (script != null && args.file() == null) {
        Files.deleteIfExists(script);
      }
    }
    if (status == SqlLine.Status.ARGS) {
      return 1;
    }
    if (!batch) {
      return 0; // an interactive session that ended with !quit or Ctrl-D, whatever failed on the way
    }
    return status == SqlLine.Status.OK && !shell.failed ? 0 : 2;
  }

  /**
   * sqlline that reports a failed statement as one line with its SQLState and remembers it, writes
   * CSV and TSV as {@link CsvExport} does, TIMESTAMPs as {@link TimestampText} says, and shows a
   * long statement's progress (when {@code progress} is not null).
   */
  private static final class Shell extends FloeShellBase {
    private final boolean verbose;
    private final PrintStream err;
    private final QueryProgress progress;
    private boolean failed;

    Shell(boolean verbose, PrintStream err, QueryProgress progress) {
      this.verbose = verbose;
      this.err = err;
      this.progress = progress;
    }

    @Override
    protected long printOwn(ResultSet rs, String format, PrintStream out) throws SQLException {
      CsvExport csv = switch (format) {
        case "csv" -> new CsvExport(',', "\n");
        case "tsv" -> new CsvExport('\t', "\n");
        default -> null;
      };
      if (csv == null) {
        return -1;
      }
      finished();
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try {
        long rows = csv.write(rs, w);
        w.flush();
        return rows;
      } catch (IOException e) {
        throw new SQLException("writing the result failed: " + e.getMessage(), e);
      }
    }

    @Override
    protected ResultSet forDisplay(ResultSet rs) throws SQLException {
      return DisplayResultSet.of(rs, this::finished);
    }

    /** Progress is shown for statements, not for the shell's own {@code !commands}. */
    @Override
    protected void starting(String line) {
      if (progress != null && line != null && !line.strip().startsWith("!")) {
        progress.start();
      }
    }

    @Override
    protected void finished() {
      if (progress != null) {
        progress.stop();
      }
    }

    @Override
    public void handleException(Throwable e) {
      finished();
      failed = true;
      if (verbose) {
        super.handleException(e);
      } else if (e instanceof SQLException s) {
        err.println("Error: " + s.getMessage() + " (SQLState " + s.getSQLState() + ")");
      } else {
        err.println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      }
    }
  }

  /**
   * How NULL is shown: {@code NULL} in tables, so that it differs from an empty string (sqlline
   * would print NULL strings and booleans as empty and NULL numbers as {@code null}); JSON keeps
   * its own {@code null}; CSV and TSV are written by {@link CsvExport} (NULL as an empty field).
   */
  private static String nullText(String outputFormat) {
    return switch (outputFormat) {
      case "table", "vertical" -> "NULL";
      default -> null;
    };
  }

  /**
   * The URL with the shell's own default for the connection property allowedDirectories, the
   * working directory (so floe.read_csv reads files below it, on read-only connections too), unless
   * the URL gives the property. A URL that does not parse is left as it is, to be reported when the
   * shell connects.
   */
  static String withShellDefaults(String url) {
    try {
      FloeUrl parsed = FloeUrl.parse(url, new java.util.Properties());
      if (parsed.values().containsKey(FloeProperty.ALLOWED_DIRECTORIES)) {
        return url;
      }
    } catch (SQLException | RuntimeException e) {
      return url;
    }
    String cwd = Path.of("").toAbsolutePath().toString();
    return url + (url.indexOf('?') < 0 ? "?" : "&") + FloeProperty.ALLOWED_DIRECTORIES.key() + "="
        + URLEncoder.encode(cwd, StandardCharsets.UTF_8);
  }

  /**
   * Whether the URL opens a read-only connection ({@code readOnly=true}, or a named snapshot). A URL
   * that does not parse is reported when the shell connects.
   */
  private static boolean readOnly(String url) {
    try {
      FloeUrl parsed = FloeUrl.parse(url, new java.util.Properties());
      return parsed.readOnly() || parsed.snapshot() != null;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private static int terminalWidth() {
    String cols = System.getenv("COLUMNS");
    try {
      return cols == null ? 160 : Integer.parseInt(cols.trim());
    } catch (NumberFormatException e) {
      return 160;
    }
  }

  private static String historyFile() {
    return Path.of(System.getProperty("user.home"), ".floe_history").toString();
  }
}
