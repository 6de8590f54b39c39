package dev.floe.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code floe} command line: {@code floe [URL] [-e SQL]... [-f FILE] [--outputformat FORMAT]
 * [--verbose] [--help]}. Without a URL the shell opens the embedded default store {@code
 * ./floe-data}.
 *
 * @param url the JDBC URL to open
 * @param commands statements given with {@code -e}, run in order, then the shell exits
 * @param file a script given with {@code -f}, run, then the shell exits
 * @param outputFormat table, vertical, csv, tsv, json, ...
 * @param verbose print stack traces with errors
 * @param help print usage and exit
 * @param demo load the demo table first ({@code floe demo})
 * @param demoRows how many rows the demo loads
 */
record ShellArgs(String url, List<String> commands, String file, String outputFormat, boolean verbose,
    boolean help, boolean demo, long demoRows) {

  /** Rows the demo loads unless {@code --rows} says otherwise. */
  static final long DEMO_ROWS = 1_000_000;

  /** The embedded default store, relative to the working directory. */
  static final String DEFAULT_URL = "jdbc:floe:file:./floe-data";

  static final String USAGE = String.join("\n",
      "usage: floe [URL] [-e SQL]... [-f FILE] [--outputformat table|vertical|csv|tsv|json] [--verbose]",
      "       floe demo [URL] [--rows N]",
      "",
      "  demo                load a generated time series, table ticks (1,000,000 rows unless --rows N),",
      "                      print queries to try, then open the shell (on a terminal)",
      "  URL                 a Floe JDBC URL; default " + DEFAULT_URL,
      "                      e.g. jdbc:floe:mem:scratch, jdbc:floe:file:/data/floe,",
      "                      jdbc:floe:s3://bucket/prefix?endpoint=http://127.0.0.1:9000",
      "  -e SQL              run SQL and exit (repeatable)",
      "  -f FILE             run the statements in FILE and exit",
      "  --outputformat F    table (default), vertical, csv, tsv or json",
      "  --verbose           print stack traces with errors",
      "",
      "In the shell, !export FILE.csv <SELECT ... | table> writes CSV; SELECT * FROM",
      "TABLE(floe.read_csv('FILE.csv')) reads it (header names, inferred types).",
      "floe.read_csv reads only files below the current directory unless the URL gives",
      "allowedDirectories: folders separated by '" + java.io.File.pathSeparator + "', '*' for any file, 'none' for none",
      "(e.g. jdbc:floe:file:./data?allowedDirectories=/srv/csv" + java.io.File.pathSeparator + "/tmp).",
      "",
      "Exit status: 0 when every statement succeeded, 1 for bad arguments, 2 when a statement failed.");

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  static ShellArgs parse(String[] args) {
    String url = null;
    List<String> commands = new ArrayList<>();
    String file = null;
    String format = "table";
    boolean verbose = false;
    boolean help = false;
    boolean demo = args.length > 0 && args[0].equals("demo");
    long demoRows = DEMO_ROWS;
    for (int i = demo ? 1 : 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--rows":
          if (!demo) {
            throw new IllegalArgumentException("--rows goes with floe demo");
          }
          demoRows = rows(value(args, ++i, a));
          break;
        case "-e":
          commands.add(value(args, ++i, a));
          break;
        case "-f":
          file = value(args, ++i, a);
          break;
        case "--outputformat":
          format = value(args, ++i, a);
          break;
        case "--verbose":
          verbose = true;
          break;
        case "-h":
        case "--help":
          help = true;
          break;
        default:
          if (a.startsWith("--outputformat=")) {
            format = a.substring("--outputformat=".length());
          } else if (a.startsWith("jdbc:") && url == null) {
            url = a;
          } else {
            throw new IllegalArgumentException("unexpected argument '" + a + "'");
          }
      }
    }
    if (!List.of("table", "vertical", "csv", "tsv", "json", "xmlattr", "xmlelements", "ansiconsole")
        .contains(format)) {
      throw new IllegalArgumentException("unknown output format '" + format + "'");
    }
    if (file != null && !commands.isEmpty()) {
      throw new IllegalArgumentException("give either -e or -f, not both");
    }
    return new ShellArgs(url == null ? DEFAULT_URL : url, List.copyOf(commands), file, format, verbose, help,
        demo, demoRows);
  }

  private static long rows(String text) {
    try {
      long n = Long.parseLong(text.replace("_", "").replace(",", ""));
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("--rows needs a positive whole number, not '" + text + "'");
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }
}
