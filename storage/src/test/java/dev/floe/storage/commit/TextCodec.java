package dev.floe.storage.commit;

import java.nio.charset.StandardCharsets;

/** Records of the form {@code txnId|payload}, for testing the generic log without tables. */
final class TextCodec implements RecordCodec<String> {
  @Override
  public byte[] encode(String record) {
    return record.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String decode(String key, byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    if (!s.contains("|")) {
      throw new FloeException(ErrorCode.CORRUPT_OBJECT, key, "corrupt " + key, null);
    }
    return s;
  }

  @Override
  public TxnId txnId(String record) {
    return new TxnId(record.substring(0, record.indexOf('|')));
  }

  static String payload(String record) {
    return record.substring(record.indexOf('|') + 1);
  }
}
