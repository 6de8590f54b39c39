package dev.floe.planner.pushdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@link FilterSpec} as compact JSON text, so that a plan can carry it into generated
 * code as a string constant, and decodes it at execution. {@code null} encodes "no filter".
 */
public final class FilterSpecCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FilterSpecCodec() {}

  public static String encode(FilterSpec spec) {
    return spec == null ? null : node(spec).toString();
  }

  public static FilterSpec decode(String text) {
    if (text == null) {
      return null;
    }
    try {
      return spec(JSON.readTree(text));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable pushed filter " + text, e);
    }
  }

  private static ObjectNode node(FilterSpec s) {
    ObjectNode o = JSON.createObjectNode();
    if (s instanceof FilterSpec.Compare c) {
      o.put("cmp", c.op()).put("col", c.columnId()).set("v", value(c.value()));
    } else if (s instanceof FilterSpec.IsNull n) {
      o.put(n.negated() ? "notNull" : "isNull", n.columnId());
    } else if (s instanceof FilterSpec.StartsWith p) {
      o.put("prefix", p.columnId()).set("v", value(p.prefix()));
    } else if (s instanceof FilterSpec.And a) {
      o.set("and", list(a.operands()));
    } else if (s instanceof FilterSpec.Or r) {
      o.set("or", list(r.operands()));
    } else {
      o.set("not", node(((FilterSpec.Not) s).operand()));
    }
    return o;
  }

  private static ArrayNode list(List<FilterSpec> specs) {
    ArrayNode a = JSON.createArrayNode();
    specs.forEach(x -> a.add(node(x)));
    return a;
  }

  /** A value alone, as JSON text. */
  public static String encodeValue(FilterSpec.Value v) {
    return value(v).toString();
  }

  /** A value encoded by {@link #encodeValue}. */
  public static FilterSpec.Value decodeValue(String text) {
    try {
      return value(JSON.readTree(text));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable pushed value " + text, e);
    }
  }

  private static ObjectNode value(FilterSpec.Value v) {
    ObjectNode o = JSON.createObjectNode();
    if (v.param() != null) {
      o.put("param", v.param());
    } else if (v.literal() != null) {
      o.put("lit", v.literal());
    }
    return o;
  }

  private static FilterSpec spec(JsonNode n) {
    if (n.has("cmp")) {
      return new FilterSpec.Compare(n.get("col").asInt(), n.get("cmp").asText(), value(n.get("v")));
    }
    if (n.has("isNull")) {
      return new FilterSpec.IsNull(n.get("isNull").asInt(), false);
    }
    if (n.has("notNull")) {
      return new FilterSpec.IsNull(n.get("notNull").asInt(), true);
    }
    if (n.has("prefix")) {
      return new FilterSpec.StartsWith(n.get("prefix").asInt(), value(n.get("v")));
    }
    if (n.has("and")) {
      return new FilterSpec.And(specs(n.get("and")));
    }
    if (n.has("or")) {
      return new FilterSpec.Or(specs(n.get("or")));
    }
    return new FilterSpec.Not(spec(n.get("not")));
  }

  private static List<FilterSpec> specs(JsonNode a) {
    List<FilterSpec> out = new ArrayList<>();
    a.forEach(x -> out.add(spec(x)));
    return out;
  }

  private static FilterSpec.Value value(JsonNode v) {
    if (v.has("param")) {
      return FilterSpec.Value.param(v.get("param").asInt());
    }
    return v.has("lit") ? FilterSpec.Value.literal(v.get("lit").asText()) : new FilterSpec.Value(null, null);
  }
}
