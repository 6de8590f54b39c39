package dev.floe.storage.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.storage.commit.RecordCodec;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.commit.TxnId;
import java.util.ArrayList;
import java.util.List;

/** JSON form of a {@link CommitRecord}; see {@code docs/format.md} §4. */
final class CommitRecordParser implements RecordCodec<CommitRecord> {
  static final int FORMAT = 1;

  private final String location;

  private final boolean legacy;

  /** A parser for a root of the current format: every record must carry its checksum. */
  CommitRecordParser(String location) {
    this(location, false);
  }

  /** @param legacy whether records without a checksum are accepted (a format version 1 root) */
  CommitRecordParser(String location, boolean legacy) {
    this.location = location;
    this.legacy = legacy;
  }

  @Override
  public byte[] encode(CommitRecord r) {
    ObjectNode o = Json.object();
    o.put("format", FORMAT);
    o.put("version", r.version());
    o.put("parent", r.parent());
    o.put("txnId", r.txnId().value());
    o.put("operation", r.operation().name());
    o.put("hlc", r.hlc());
    o.put("writerId", r.writerId());
    o.put("schemaId", r.schemaId());
    o.set("schema", SchemaParser.toJson(r.schema()));
    if (SchemaParser.primaryKeyJson(r.schema()) != null) {
      o.set("primaryKey", SchemaParser.primaryKeyJson(r.schema()));
    }
    if (SchemaParser.indexesJson(r.schema()) != null) {
      o.set("indexes", SchemaParser.indexesJson(r.schema()));
    }
    o.put("rowCount", r.rowCount());
    ObjectNode summary = o.putObject("summary");
    summary.put("rowsAdded", r.rowsAdded());
    summary.put("rowsRemoved", r.rowsRemoved());
    ArrayNode a = o.putArray("manifests");
    for (ManifestRef m : r.manifests()) {
      ObjectNode mo = a.addObject();
      mo.put("key", m.key());
      mo.put("segments", m.segments());
      mo.put("rows", m.rows());
      mo.put("bytes", m.bytes());
      if (m.statsUnsafe() != null) {
        mo.put("stats", java.util.Base64.getEncoder().encodeToString(m.statsUnsafe()));
      }
    }
    if (r.participant()) {
      ArrayNode t = o.putObject("transaction").putArray("tables");
      r.transaction().forEach(t::add);
    }
    if (!r.requires().isEmpty()) {
      ObjectNode req = o.putObject("requires");
      r.requires().forEach(req::put);
    }
    return Json.bytes(o);
  }

  @Override
  public CommitRecord decode(String key, byte[] bytes) {
    JsonNode o = Json.parse(key, location, "commit record", bytes, legacy);
    try {
      if (Json.req(o, "format").asInt() != FORMAT) {
        throw new IllegalArgumentException("unknown commit record format " + o.get("format"));
      }
      List<ManifestRef> ms = new ArrayList<>();
      for (JsonNode m : Json.req(o, "manifests")) {
        JsonNode stats = m.get("stats");
        ms.add(new ManifestRef(Json.req(m, "key").asText(), Json.req(m, "segments").asInt(),
            Json.req(m, "rows").asLong(), Json.req(m, "bytes").asLong(),
            stats == null || stats.isNull() ? null : java.util.Base64.getDecoder().decode(stats.asText())));
      }
      JsonNode summary = Json.req(o, "summary");
      List<String> transaction = new ArrayList<>();
      JsonNode tx = o.get("transaction");
      if (tx != null && !tx.isNull()) {
        Json.req(tx, "tables").forEach(n -> transaction.add(n.asText()));
        if (transaction.isEmpty()) {
          throw new IllegalArgumentException("a transaction with no table");
        }
      }
      java.util.Map<String, Long> requires = new java.util.TreeMap<>();
      JsonNode req = o.get("requires");
      if (req != null && !req.isNull()) {
        req.fields().forEachRemaining(f -> requires.put(f.getKey(), f.getValue().asLong()));
      }
      return new CommitRecord(
          Json.req(o, "version").asLong(),
          Json.req(o, "parent").asLong(),
          new TxnId(Json.req(o, "txnId").asText()),
          Operation.valueOf(Json.req(o, "operation").asText()),
          ms,
          SchemaParser.fromJson(Json.req(o, "schema"), o.get("primaryKey"), o.get("indexes")),
          Json.req(o, "schemaId").asInt(),
          Json.req(o, "rowCount").asLong(),
          Json.req(o, "hlc").asLong(),
          Json.req(o, "writerId").asText(),
          Json.req(summary, "rowsAdded").asLong(),
          Json.req(summary, "rowsRemoved").asLong(),
          transaction,
          requires);
    } catch (RuntimeException e) {
      throw StoreErrors.corrupt(key, location, "commit record", e);
    }
  }

  @Override
  public long version(CommitRecord record) {
    return record.version();
  }

  @Override
  public TxnId txnId(CommitRecord record) {
    return record.txnId();
  }
}
