package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Index;
import dev.floe.storage.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of a {@link Schema}'s columns: {@code [{"id":0,"name":"a","type":"BIGINT","nullable":true}]},
 * plus {@code "default"} (SQL text) on a column that has one and {@code "length"} on a VARCHAR(n)
 * column (absent: unbounded, as in every table written before lengths were kept); the primary key is the record's
 * optional {@code primaryKey} array of names, and its indexes the record's optional {@code indexes}:
 * {@code [{"name":"t_email_key","columns":["email"],"unique":true}]}.
 */
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
      if (c.defaultSql() != null) {
        o.put("default", c.defaultSql());
      }
      if (c.maxLength() > 0) {
        o.put("length", c.maxLength());
      }
    }
    return a;
  }

  /** The record's {@code primaryKey} array, or null when there is none. */
  static ArrayNode primaryKeyJson(Schema schema) {
    if (schema.primaryKey().isEmpty()) {
      return null;
    }
    ArrayNode a = Json.MAPPER.createArrayNode();
    schema.primaryKey().forEach(a::add);
    return a;
  }

  /** The record's {@code indexes} array, or null when there is none. */
  static ArrayNode indexesJson(Schema schema) {
    if (schema.indexes().isEmpty()) {
      return null;
    }
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (Index i : schema.indexes()) {
      ObjectNode o = a.addObject();
      o.put("name", i.name());
      ArrayNode cols = o.putArray("columns");
      i.columns().forEach(cols::add);
      o.put("unique", i.unique());
    }
    return a;
  }

  static Schema fromJson(JsonNode a, JsonNode primaryKey, JsonNode indexes) {
    Schema columns = fromJson(a);
    List<String> key = new ArrayList<>();
    if (primaryKey != null && !primaryKey.isNull()) {
      primaryKey.forEach(k -> key.add(k.asText()));
    }
    List<Index> list = new ArrayList<>();
    if (indexes != null && !indexes.isNull()) {
      for (JsonNode o : indexes) {
        List<String> cols = new ArrayList<>();
        Json.req(o, "columns").forEach(c -> cols.add(c.asText()));
        list.add(new Index(Json.req(o, "name").asText(), cols, Json.req(o, "unique").asBoolean()));
      }
    }
    return new Schema(columns.columns(), key, list);
  }

  static Schema fromJson(JsonNode a) {
    if (!a.isArray()) {
      throw new IllegalArgumentException("schema is not an array");
    }
    List<Column> cols = new ArrayList<>();
    for (JsonNode o : a) {
      cols.add(new Column(Json.req(o, "id").asInt(), Json.req(o, "name").asText(),
          ColumnType.parse(Json.req(o, "type").asText()), Json.req(o, "nullable").asBoolean(),
          o.hasNonNull("default") ? o.get("default").asText() : null,
          o.hasNonNull("length") ? o.get("length").asInt() : 0));
    }
    return new Schema(cols);
  }
}
