package dev.floe.storage.io;

import java.time.Duration;

/**
 * Settings for opening a store. Only the S3 backend reads the endpoint, region, path style and
 * credentials; every backend honours the timeouts and retry policy where it does I/O that can hang.
 * {@link #toString()} never shows a secret.
 *
 * @param endpoint S3 endpoint URL such as {@code http://127.0.0.1:9000}; null for AWS
 * @param region S3 region; null lets the client discover it (or uses {@code us-east-1})
 * @param pathStyle true for path-style bucket addressing (most self-hosted servers)
 * @param credentials explicit credentials, or null to use the standard AWS environment variables
 * @param connectTimeout time allowed to open a connection
 * @param requestTimeout time allowed for one request's reply
 * @param retry retries of failed requests (5xx, timeouts); 4xx replies are never retried
 */
public record StoreConfig(
    String endpoint,
    String region,
    boolean pathStyle,
    Credentials credentials,
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry) {

  /** Defaults: no endpoint, no region, path style, environment credentials, 10 s / 30 s. */
  public static final StoreConfig DEFAULTS =
      new StoreConfig(null, null, true, null, Duration.ofSeconds(10), Duration.ofSeconds(30),
          RetryPolicy.STORE_DEFAULT);

  public StoreConfig withEndpoint(String value) {
    return new StoreConfig(value, region, pathStyle, credentials, connectTimeout, requestTimeout, retry);
  }

  public StoreConfig withRegion(String value) {
    return new StoreConfig(endpoint, value, pathStyle, credentials, connectTimeout, requestTimeout, retry);
  }

  public StoreConfig withPathStyle(boolean value) {
    return new StoreConfig(endpoint, region, value, credentials, connectTimeout, requestTimeout, retry);
  }

  public StoreConfig withCredentials(Credentials value) {
    return new StoreConfig(endpoint, region, pathStyle, value, connectTimeout, requestTimeout, retry);
  }

  public StoreConfig withTimeouts(Duration connect, Duration request) {
    return new StoreConfig(endpoint, region, pathStyle, credentials, connect, request, retry);
  }

  public StoreConfig withRetry(RetryPolicy value) {
    return new StoreConfig(endpoint, region, pathStyle, credentials, connectTimeout, requestTimeout, value);
  }
}
