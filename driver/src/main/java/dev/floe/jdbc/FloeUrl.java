package dev.floe.jdbc;

import dev.floe.storage.io.Credentials;
import dev.floe.storage.io.RetryPolicy;
import dev.floe.storage.io.StoreConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed Floe JDBC URL: {@code jdbc:floe:<location>[?k=v&k=v]} where the location is {@code
 * mem:NAME}, {@code file:PATH} or {@code s3://bucket/prefix}, together with the connection
 * properties resolved with precedence defaults &lt; {@link Properties} &lt; URL parameters.
 * {@link #toString()} and {@link #redacted()} never show a secret.
 *
 * @param location the store location, as {@link dev.floe.storage.io.ObjectStores#open} takes it
 * @param values the explicitly given property values (no defaults)
 */
public record FloeUrl(String location, Map<FloeProperty, String> values) {
  /** Every Floe URL starts with this. */
  public static final String PREFIX = "jdbc:floe:";

  public FloeUrl {
    values = Collections.unmodifiableMap(
        values.isEmpty() ? new EnumMap<>(FloeProperty.class) : new EnumMap<>(values));
  }

  /** Whether {@code url} is a Floe URL (the driver returns null for any other). */
  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /**
   * Parses a URL and merges {@code info}.
   *
   * @throws SQLException 08001 for a malformed URL, an unknown parameter or a bad value
   */
  public static FloeUrl parse(String url, Properties info) throws SQLException {
    if (!accepts(url)) {
      throw SqlState.UNABLE_TO_CONNECT.exception(
          "'" + redact(url) + "' is not a Floe URL: it must start with " + PREFIX
              + "; use jdbc:floe:mem:NAME, jdbc:floe:file:PATH or jdbc:floe:s3://bucket/prefix");
    }
    String rest = url.substring(PREFIX.length());
    int q = rest.indexOf('?');
    String location = q < 0 ? rest : rest.substring(0, q);
    if (hasUserInfo(location)) {
      throw SqlState.UNABLE_TO_CONNECT.exception("cannot connect to '" + redact(url) + "': the store location"
          + " holds credentials (the part before '@', not shown); give the access key and secret as the"
          + " connection properties user and password (or in the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
          + " environment variables), never in the location");
    }
    if (!(location.startsWith("mem:") || location.startsWith("file:") || location.startsWith("s3://"))
        || location.equals("mem:") || location.equals("file:") || location.equals("s3://")) {
      throw SqlState.UNABLE_TO_CONNECT.exception(
          "cannot connect to '" + redact(url) + "': the store location '" + redactLocation(location)
              + "' is not mem:NAME, file:PATH or s3://bucket[/prefix]; for example"
              + " jdbc:floe:file:./data or jdbc:floe:s3://bucket/prefix?endpoint=http://127.0.0.1:9000");
    }
    Map<FloeProperty, String> values = new EnumMap<>(FloeProperty.class);
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        FloeProperty p = FloeProperty.forKey(name);
        if (p != null) { // tools pass properties of their own; those are not ours to refuse
          values.put(p, info.getProperty(name));
        }
      }
    }
    if (q >= 0) {
      String[] pairs = rest.substring(q + 1).split("&", -1);
      for (int i = 0; i < pairs.length; i++) {
        String pair = pairs[i];
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), i, null, url);
        FloeProperty p = FloeProperty.forKey(name);
        if (p == null) {
          throw unknownParameter(name, i, i > 0 && isSecretPair(pairs[i - 1]), url);
        }
        values.put(p, eq < 0 ? "" : decode(pair.substring(eq + 1), i, p, url));
      }
    }
    String endpoint = values.get(FloeProperty.ENDPOINT);
    if (endpoint != null && hasUserInfo(endpoint)) {
      throw SqlState.UNABLE_TO_CONNECT.exception("the connection property endpoint holds credentials (the part"
          + " before '@', not shown); give the endpoint as http(s)://host[:port] and the credentials as the"
          + " connection properties user and password");
    }
    FloeUrl parsed = new FloeUrl(location, values);
    parsed.storeConfig(); // validates numbers and booleans now, with a clear message
    parsed.readOnly();
    parsed.pushdown();
    ExternalAccess.of(parsed); // allowedDirectories must name existing folders
    return parsed;
  }

  /**
   * An unknown query parameter. Its value is never shown (it may be a mistyped password); its name
   * is shown only when it looks like a property name (letters, {@code _ . -}, at most 32) and does
   * not follow a secret parameter (a secret holding {@code &} would continue in the next "name").
   */
  private static SQLException unknownParameter(String name, int index, boolean afterSecret, String url) {
    boolean showName = !afterSecret && name.matches("[A-Za-z_.-]{1,32}");
    FloeProperty nearest = nearest(name);
    String what = showName ? "unknown parameter '" + name + "'"
        : "unknown parameter (the " + ordinal(index + 1) + " in the query; its name is not shown, in case it is"
            + " part of a secret)";
    return SqlState.UNABLE_TO_CONNECT.exception(what + " in '" + redact(url) + "'"
        + (nearest != null ? "; did you mean '" + nearest.key() + "'? Known" : "; known") + " parameters: "
        + knownKeys() + (showName ? "" : "; a '&' in a value must be written %26"));
  }

  /** The known property whose name is closest to {@code name} (edit distance), if close enough. */
  private static FloeProperty nearest(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    FloeProperty best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (FloeProperty p : FloeProperty.values()) {
      int d = distance(n, p.key().toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = p;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, best.key().length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String ordinal(int n) {
    int mod100 = n % 100;
    String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix + " parameter";
  }

  /** Whether a raw {@code key=value} pair names a secret property. */
  private static boolean isSecretPair(String pair) {
    int eq = pair.indexOf('=');
    FloeProperty p = FloeProperty.forKey(decodeOrNull(eq < 0 ? pair : pair.substring(0, eq)));
    return p != null && p.secret();
  }

  /**
   * Whether a location or endpoint ({@code scheme://authority/...}) has user information ({@code
   * user:secret@}) in its authority.
   */
  static boolean hasUserInfo(String location) {
    int scheme = location.indexOf("://");
    if (scheme < 0) {
      return false;
    }
    int start = scheme + 3;
    int end = start;
    while (end < location.length() && "/?#".indexOf(location.charAt(end)) < 0) {
      end++;
    }
    return location.substring(start, end).indexOf('@') >= 0;
  }

  /**
   * A location (or the part of a raw URL before its query) with anything that may be user
   * information masked: the text before an {@code @} in its authority, or, without a {@code ://},
   * before an {@code @} ahead of the first {@code /}.
   */
  private static String redactLocation(String s) {
    int base = s.startsWith(PREFIX) ? PREFIX.length() : 0;
    int scheme = s.indexOf("://", base);
    int start = scheme < 0 ? base : scheme + 3;
    int end = start;
    while (end < s.length() && "/?#".indexOf(s.charAt(end)) < 0) {
      end++;
    }
    int at = end == start ? -1 : s.lastIndexOf('@', end - 1);
    if (at < start) {
      return s;
    }
    if (scheme < 0) {
      int colon = s.indexOf(':', base); // keep a scheme such as mem: or file:
      start = colon >= 0 && colon < at ? Math.min(colon + 1, at) : base;
    }
    return s.substring(0, start) + "****" + s.substring(at);
  }

  /** The effective value: explicit, else the default (may be null). */
  public String get(FloeProperty p) {
    return values.getOrDefault(p, p.defaultValue());
  }

  /** The effective values of every property, secrets included, for {@code getPropertyInfo}. */
  public Properties asProperties() {
    Properties props = new Properties();
    values.forEach((k, v) -> props.setProperty(k.key(), v));
    return props;
  }

  /**
   * The store settings these properties describe. Credentials: user/password if a non-empty user is
   * given, else the AWS environment variables (tools such as sqlline pass an empty user and password
   * when none was typed; those must not hide the variables).
   */
  public StoreConfig storeConfig() throws SQLException {
    String user = get(FloeProperty.USER);
    Credentials creds = user != null && !user.isEmpty()
        ? new Credentials(get(FloeProperty.USER), get(FloeProperty.PASSWORD) == null ? "" : get(FloeProperty.PASSWORD))
        : Credentials.fromEnvironment(System.getenv());
    String endpoint = get(FloeProperty.ENDPOINT);
    RetryPolicy base = RetryPolicy.STORE_DEFAULT;
    return StoreConfig.DEFAULTS
        .withEndpoint(endpoint == null || endpoint.isEmpty() ? null : endpoint)
        .withRegion(get(FloeProperty.REGION))
        .withPathStyle(bool(FloeProperty.PATH_STYLE))
        .withCredentials(creds)
        .withTimeouts(seconds(FloeProperty.CONNECT_TIMEOUT), seconds(FloeProperty.REQUEST_TIMEOUT))
        .withRetry(new RetryPolicy(1 + (int) number(FloeProperty.MAX_RETRIES, 0, 100), base.baseDelay(), base.maxDelay()));
  }

  /**
   * How long connecting may take ({@link FloeProperty#LOGIN_TIMEOUT}, else {@code
   * DriverManager.getLoginTimeout()}); zero for no bound beyond the store's own timeouts.
   */
  public Duration loginTimeout() throws SQLException {
    if (get(FloeProperty.LOGIN_TIMEOUT) == null) {
      return Duration.ofSeconds(Math.max(0, java.sql.DriverManager.getLoginTimeout()));
    }
    return Duration.ofMillis((long) (number(FloeProperty.LOGIN_TIMEOUT, 0, 86_400) * 1000));
  }

  /** Whether scans take pushed filters and column pruning. */
  public boolean pushdown() throws SQLException {
    return bool(FloeProperty.PUSHDOWN);
  }

  /** The named snapshot the connection opens, or null for the latest versions. */
  public String snapshot() {
    String s = get(FloeProperty.SNAPSHOT);
    return s == null || s.isBlank() ? null : s;
  }

  /** Whether the connection is read-only. */
  public boolean readOnly() throws SQLException {
    return bool(FloeProperty.READ_ONLY);
  }

  /** The URL with every secret parameter masked; what {@code Connection.getMetaData().getURL()} shows. */
  public String redacted() {
    StringBuilder b = new StringBuilder(PREFIX).append(location);
    char sep = '?';
    for (Map.Entry<FloeProperty, String> e : values.entrySet()) {
      if (e.getKey() == FloeProperty.USER || e.getKey() == FloeProperty.PASSWORD) {
        continue; // credentials may come from Properties; they do not belong in a URL
      }
      b.append(sep).append(e.getKey().key()).append('=').append(e.getKey().secret() ? "****" : e.getValue());
      sep = '&';
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return redacted();
  }

  /**
   * A raw URL string fit for a message about a bad URL: user information in the location masked,
   * and every parameter value masked except those of known properties that are not secret; a
   * parameter whose name is not a known property is shown as {@code ****} altogether.
   */
  static String redact(String url) {
    if (url == null) {
      return "null";
    }
    int q = url.indexOf('?');
    if (q < 0) {
      return redactLocation(url);
    }
    StringBuilder b = new StringBuilder(redactLocation(url.substring(0, q))).append('?');
    String[] pairs = url.substring(q + 1).split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      int eq = pairs[i].indexOf('=');
      FloeProperty p = FloeProperty.forKey(decodeOrNull(eq < 0 ? pairs[i] : pairs[i].substring(0, eq)));
      String shown;
      if (p == null) {
        shown = pairs[i].isEmpty() ? "" : "****";
      } else if (eq < 0) {
        shown = pairs[i];
      } else if (p.secret() || decodeOrNull(pairs[i].substring(eq + 1)) == null
          || (p == FloeProperty.ENDPOINT && hasUserInfo(decodeOrNull(pairs[i].substring(eq + 1))))) {
        shown = pairs[i].substring(0, eq) + "=****";
      } else {
        shown = pairs[i];
      }
      b.append(i > 0 ? "&" : "").append(shown);
    }
    return b.toString();
  }

  private boolean bool(FloeProperty p) throws SQLException {
    String v = get(p);
    if ("true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v)) {
      return Boolean.parseBoolean(v);
    }
    throw badValue(p, v, "true or false");
  }

  private Duration seconds(FloeProperty p) throws SQLException {
    return Duration.ofMillis((long) (number(p, 0.001, 86_400) * 1000));
  }

  private double number(FloeProperty p, double min, double max) throws SQLException {
    String v = get(p);
    try {
      double d = Double.parseDouble(v);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // reported below
    }
    throw badValue(p, v, "a number from " + fmt(min) + " to " + fmt(max));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static SQLException badValue(FloeProperty p, String value, String expected) {
    return SqlState.UNABLE_TO_CONNECT.exception(
        "invalid value '" + (p.secret() ? "****" : value) + "' for connection property '" + p.key()
            + "': expected " + expected + " (" + p.description() + ")");
  }

  private static String knownKeys() {
    StringBuilder b = new StringBuilder();
    for (FloeProperty p : FloeProperty.values()) {
      b.append(b.length() == 0 ? "" : ", ").append(p.key());
    }
    return b.toString();
  }

  /**
   * A %-decoded query name or value.
   *
   * @throws SQLException 08001 for a malformed escape; the message names the parameter (by its
   *     property, or by position) but never shows the raw text
   */
  private static String decode(String s, int index, FloeProperty property, String url) throws SQLException {
    String d = decodeOrNull(s);
    if (d == null) {
      String where = property != null ? "the value of parameter '" + property.key() + "'"
          : "the name of the " + ordinal(index + 1) + " in the query";
      throw SqlState.UNABLE_TO_CONNECT.exception("malformed %-escape in " + where + " of '" + redact(url)
          + "' (not shown): a % must be followed by two hex digits; write a % itself as %25");
    }
    return d;
  }

  /**
   * The %-decoded text, or null when it holds a malformed escape: a % without two hex digits, or
   * escapes that are not UTF-8 (which the decoder would silently turn into U+FFFD).
   */
  private static String decodeOrNull(String s) {
    if (s == null) {
      return null;
    }
    try {
      String d = URLDecoder.decode(s, StandardCharsets.UTF_8);
      return d.indexOf('\uFFFD') >= 0 && s.indexOf('\uFFFD') < 0 ? null : d;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
