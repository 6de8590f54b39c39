package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import java.util.ArrayList;
import java.util.List;

/** JSON form of a {@link Schema}: {@code [{"id":0,"name":"a","type":"BIGINT","nullable":true}]}. */
final class SchemaParser {
  private SchemaParser() {}

  static ArrayNode toJson(Schema schema) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (Column c : schema.columns()) {
      ObjectNode o = a.addObject();
      o.put("id", c.id());
      o.put("name", c.name());
      o.put("type", c.type().toString());
      o.put("nullable", c.nullable());
    }
    return a;
  }

  static Schema fromJson(JsonNode a) {
    if (!a.isArray()) {
      throw new IllegalArgumentException("schema is not an array");
    }
    List<Column> cols = new ArrayList<>();
    for (JsonNode o : a) {
      cols.add(new Column(Json.req(o, "id").asInt(), Json.req(o, "name").asText(),
          ColumnType.parse(Json.req(o, "type").asText()), Json.req(o, "nullable").asBoolean()));
    }
    return new Schema(cols);
  }
}
