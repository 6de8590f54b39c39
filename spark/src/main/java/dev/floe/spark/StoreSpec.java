package dev.floe.spark;

import dev.floe.storage.io.Credentials;
import dev.floe.storage.io.StoreConfig;
import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a Floe root is, as Spark options give it: a Floe JDBC URL ({@code jdbc:floe:file:PATH},
 * {@code jdbc:floe:mem:NAME}, {@code jdbc:floe:s3://bucket/prefix?endpoint=...&region=...&pathStyle=...})
 * and optional S3 credentials ({@code user}, {@code password} options; else the AWS environment
 * variables). Serializable: executors open the same root from it. {@link #toString()} never shows
 * the secret.
 *
 * <p>Only the URL parameters that say where the store is are taken (endpoint, region, pathStyle,
 * user, password); connection parameters of the JDBC driver that mean nothing here (readOnly,
 * pushdown, timeouts...) are ignored, and credentials inside the location are refused as the driver
 * refuses them.
 *
 * @param location the store location as {@link dev.floe.storage.io.ObjectStores#open} takes it
 * @param params the URL's store parameters, lower-case names
 * @param user the S3 access key, or null
 * @param password the S3 secret key, or null
 */
record StoreSpec(String location, Map<String, String> params, String user, String password) implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String PREFIX = "jdbc:floe:";

  StoreSpec {
    params = Map.copyOf(params);
  }

  /**
   * Reads the {@code url}, {@code user} and {@code password} options (case-insensitive keys).
   *
   * @throws IllegalArgumentException naming the option when the URL is missing or malformed
   */
  static StoreSpec of(Map<String, String> options) {
    Map<String, String> o = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    o.putAll(options);
    String url = o.get("url");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the option 'url' is missing: give the Floe root as a JDBC URL, as in"
          + " url=jdbc:floe:file:/data/floe or url=jdbc:floe:s3://bucket/prefix?endpoint=http://host:9000");
    }
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("the option 'url' must be a Floe URL starting with " + PREFIX
          + " (jdbc:floe:mem:NAME, jdbc:floe:file:PATH or jdbc:floe:s3://bucket/prefix)");
    }
    String rest = url.substring(PREFIX.length());
    int q = rest.indexOf('?');
    String location = q < 0 ? rest : rest.substring(0, q);
    int scheme = location.indexOf("://");
    if (scheme >= 0 && location.substring(scheme + 3).split("/", 2)[0].contains("@")) {
      throw new IllegalArgumentException("the option 'url' holds credentials in its location (not shown); give"
          + " them as the options user and password, or in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }
    Map<String, String> params = new TreeMap<>();
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8)
            .toLowerCase(Locale.ROOT);
        params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    String user = o.getOrDefault("user", params.get("user"));
    String password = o.getOrDefault("password", params.get("password"));
    params.remove("user");
    params.remove("password");
    return new StoreSpec(location, params, user, password);
  }

  /** The store settings: endpoint, region, path style and credentials. */
  StoreConfig config() {
    String endpoint = params.get("endpoint");
    String pathStyle = params.getOrDefault("pathstyle", "true");
    if (!pathStyle.equalsIgnoreCase("true") && !pathStyle.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("the URL parameter pathStyle must be true or false, not '" + pathStyle + "'");
    }
    return StoreConfig.DEFAULTS
        .withEndpoint(endpoint == null || endpoint.isEmpty() ? null : endpoint)
        .withRegion(params.get("region"))
        .withPathStyle(Boolean.parseBoolean(pathStyle))
        .withCredentials(user != null ? new Credentials(user, password == null ? "" : password)
            : Credentials.fromEnvironment(System.getenv()));
  }

  @Override
  public String toString() {
    return PREFIX + location + (params.isEmpty() ? "" : "?" + params)
        + (user == null ? "" : " (user " + user + ", password ****)");
  }
}
