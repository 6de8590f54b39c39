package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.commit.StoreErrors;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * JSON form of a {@link Manifest}: {@code {"format":1,"segments":[{"key":..,"rows":..,"bytes":..,
 * "footer":"<base64>"}]}}.
 */
final class ManifestParser {
  static final int FORMAT = 1;

  private ManifestParser() {}

  static byte[] toBytes(Manifest m) {
    ObjectNode o = Json.object();
    o.put("format", FORMAT);
    ArrayNode a = o.putArray("segments");
    for (SegmentEntry e : m.segments()) {
      ObjectNode s = a.addObject();
      s.put("key", e.key());
      s.put("rows", e.rowCount());
      s.put("bytes", e.sizeBytes());
      s.put("footer", Base64.getEncoder().encodeToString(e.footerUnsafe()));
      if (e.hasDeletes()) {
        s.put("deleted", Deletions.encode(e.deletedUnsafe()));
      }
    }
    return Json.bytes(o);
  }

  /** Parses a manifest read from {@code key}; anything malformed is CORRUPT_OBJECT naming it. */
  static Manifest fromBytes(String key, String location, byte[] bytes) {
    return fromBytes(key, location, bytes, false);
  }

  /** As above; {@code legacy}: a manifest without a checksum is accepted (format version 1 roots). */
  static Manifest fromBytes(String key, String location, byte[] bytes, boolean legacy) {
    JsonNode o = Json.parse(key, location, "manifest", bytes, legacy);
    try {
      if (Json.req(o, "format").asInt() != FORMAT) {
        throw new IllegalArgumentException("unknown manifest format " + o.get("format"));
      }
      List<SegmentEntry> list = new ArrayList<>();
      for (JsonNode s : Json.req(o, "segments")) {
        long rows = Json.req(s, "rows").asLong();
        JsonNode deleted = s.get("deleted");
        list.add(new SegmentEntry(Json.req(s, "key").asText(), rows, Json.req(s, "bytes").asLong(),
            Base64.getDecoder().decode(Json.req(s, "footer").asText()),
            deleted == null || deleted.isNull() ? null : Deletions.decode(deleted.asText(), rows)));
      }
      return new Manifest(list);
    } catch (RuntimeException e) {
      throw StoreErrors.corrupt(key, location, "manifest", e);
    }
  }
}
