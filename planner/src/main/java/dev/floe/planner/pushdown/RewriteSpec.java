package dev.floe.planner.pushdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy-on-write DELETE or UPDATE as it travels from the plan to execution: which rows (a pushed
 * filter; null for all) and, for UPDATE, the new value of each assigned column (by column id).
 *
 * @param delete true for DELETE, false for UPDATE
 * @param where the rows to change, or null for every row
 * @param assignments column id to new value (empty for DELETE)
 */
public record RewriteSpec(boolean delete, FilterSpec where, Map<Integer, FilterSpec.Value> assignments) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public RewriteSpec {
    assignments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
  }

  public String encode() {
    ObjectNode o = JSON.createObjectNode();
    o.put("op", delete ? "DELETE" : "UPDATE");
    if (where != null) {
      o.put("where", FilterSpecCodec.encode(where));
    }
    ArrayNode set = o.putArray("set");
    assignments.forEach((id, v) -> set.addObject().put("col", id).put("v", FilterSpecCodec.encodeValue(v)));
    return o.toString();
  }

  public static RewriteSpec decode(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      Map<Integer, FilterSpec.Value> set = new LinkedHashMap<>();
      for (JsonNode a : n.get("set")) {
        set.put(a.get("col").asInt(), FilterSpecCodec.decodeValue(a.get("v").asText()));
      }
      return new RewriteSpec("DELETE".equals(n.get("op").asText()),
          n.has("where") ? FilterSpecCodec.decode(n.get("where").asText()) : null, set);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable rewrite " + text, e);
    }
  }
}
