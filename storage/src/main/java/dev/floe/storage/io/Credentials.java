package dev.floe.storage.io;

import java.util.Map;

/**
 * An access key pair for an S3-compatible store. {@link #toString()} never shows the secret.
 *
 * @param accessKey the access key id
 * @param secretKey the secret; appears in no message, log line or {@code toString}
 */
public record Credentials(String accessKey, String secretKey) {

  /** The standard environment variables, or null when they are not both set. */
  public static Credentials fromEnvironment(Map<String, String> env) {
    String ak = env.get("AWS_ACCESS_KEY_ID");
    String sk = env.get("AWS_SECRET_ACCESS_KEY");
    return ak == null || ak.isEmpty() || sk == null ? null : new Credentials(ak, sk);
  }

  @Override
  public String toString() {
    return "Credentials[accessKey=" + accessKey + ", secretKey=****]";
  }
}
