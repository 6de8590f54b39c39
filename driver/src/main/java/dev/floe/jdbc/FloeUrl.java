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
    if (!(location.startsWith("mem:") || location.startsWith("file:") || location.startsWith("s3://"))
        || location.equals("mem:") || location.equals("file:") || location.equals("s3://")) {
      throw SqlState.UNABLE_TO_CONNECT.exception(
          "cannot connect to '" + redact(url) + "': the store location '" + location
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
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        FloeProperty p = FloeProperty.forKey(name);
        if (p == null) {
          throw SqlState.UNABLE_TO_CONNECT.exception(
              "unknown parameter '" + name + "' in '" + redact(url) + "'; known parameters: "
                  + knownKeys());
        }
        values.put(p, value);
      }
    }
    FloeUrl parsed = new FloeUrl(location, values);
    parsed.storeConfig(); // validates numbers and booleans now, with a clear message
    parsed.readOnly();
    parsed.pushdown();
    return parsed;
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
   * The store settings these properties describe. Credentials: user/password if given, else the
   * AWS environment variables.
   */
  public StoreConfig storeConfig() throws SQLException {
    Credentials creds = get(FloeProperty.USER) != null
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

  /** Masks the values of secret parameters in a raw URL string, for messages about bad URLs. */
  static String redact(String url) {
    if (url == null) {
      return "null";
    }
    int q = url.indexOf('?');
    if (q < 0) {
      return url;
    }
    StringBuilder b = new StringBuilder(url.substring(0, q + 1));
    String[] pairs = url.substring(q + 1).split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      int eq = pairs[i].indexOf('=');
      FloeProperty p = eq < 0 ? null : FloeProperty.forKey(decode(pairs[i].substring(0, eq)));
      b.append(i > 0 ? "&" : "").append(p != null && p.secret() ? pairs[i].substring(0, eq) + "=****" : pairs[i]);
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

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
