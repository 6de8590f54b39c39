package dev.floe.jdbc;

import java.sql.DriverPropertyInfo;
import java.util.Locale;
import java.util.Properties;

/**
 * Every connection property Floe understands: one constant each, with its name, default and
 * description. URL parsing and {@link java.sql.Driver#getPropertyInfo} are derived from this enum.
 * Precedence: defaults &lt; {@link Properties} &lt; URL query parameters.
 */
public enum FloeProperty {
  USER("user", null, false,
      "S3 access key id. Falls back to the AWS_ACCESS_KEY_ID environment variable (also when empty)."),
  PASSWORD("password", null, true,
      "S3 secret access key. Falls back to AWS_SECRET_ACCESS_KEY. Never shown in messages or getURL."),
  ENDPOINT("endpoint", null, false,
      "S3 endpoint URL, e.g. http://127.0.0.1:9000. Empty means AWS."),
  REGION("region", "us-east-1", false, "S3 region."),
  PATH_STYLE("pathStyle", "true", false,
      "true for path-style bucket addressing (self-hosted servers), false for virtual-host style."),
  CONNECT_TIMEOUT("connectTimeout", "10", false,
      "Seconds allowed to open a connection to the store."),
  REQUEST_TIMEOUT("requestTimeout", "30", false,
      "Seconds allowed for one store request's reply."),
  LOGIN_TIMEOUT("loginTimeout", null, false,
      "Seconds allowed to open a connection (the store reached and its root read); 0 for no bound but"
          + " connectTimeout and requestTimeout. Unset: DriverManager.getLoginTimeout(). Past it, connecting"
          + " fails with SQLState 08001."),
  MAX_RETRIES("maxRetries", "3", false,
      "Retries of a store request that failed with a 5xx reply or a timeout (never on 4xx)."),
  READ_ONLY("readOnly", "false", false,
      "true opens the connection read-only: statements that write fail with SQLState 25006."),
  PUSHDOWN("pushdown", "true", false,
      "false keeps filters and column pruning out of the segment reader (for checking answers)."),
  SNAPSHOT("snapshot", null, false,
      "A named snapshot (floe.create_snapshot) to open: every table reads the version the snapshot"
          + " pinned, tables created after it are not seen, and the connection is read-only."),
  ALLOWED_DIRECTORIES("allowedDirectories", null, false,
      "Local folders whose files (at any depth) floe.read_csv may read, separated by the platform's path"
          + " separator (':' on Linux and macOS, ';' on Windows); '*' or 'all' for any file the JVM can read,"
          + " 'none' (or empty) for no file. Each folder must exist; paths are compared after resolving"
          + " links and '..'. Unset: all on a writable connection, none on a readOnly or snapshot"
          + " connection and on one made read-only by setReadOnly(true). The floe shell's default is"
          + " its working directory.");

  private final String key;
  private final String defaultValue;
  private final boolean secret;
  private final String description;

  FloeProperty(String key, String defaultValue, boolean secret, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.secret = secret;
    this.description = description;
  }

  /** The property's name in URLs and {@link Properties}. */
  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  /** Whether the value must never appear in a message, a log line, {@code toString} or a URL. */
  public boolean secret() {
    return secret;
  }

  public String description() {
    return description;
  }

  /** The constant with this name, matched case-insensitively, or null (also for a null name). */
  public static FloeProperty forKey(String key) {
    if (key == null) {
      return null;
    }
    for (FloeProperty p : values()) {
      if (p.key.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    return null;
  }

  /** This property as {@link java.sql.Driver#getPropertyInfo} reports it, given current values. */
  DriverPropertyInfo info(Properties current) {
    String value = current.getProperty(key, defaultValue);
    DriverPropertyInfo info = new DriverPropertyInfo(key, secret ? null : value);
    info.description = description;
    info.required = false;
    if (this == PATH_STYLE || this == READ_ONLY || this == PUSHDOWN) {
      info.choices = new String[] {"true", "false"};
    }
    return info;
  }
}
