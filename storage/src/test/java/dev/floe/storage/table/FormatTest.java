package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.TxnId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored forms of names, commit records, manifests and catalog op keys. */
class FormatTest {
  @Test
  void namesAreLowerCaseBase32WithoutPaddingAndRoundTrip() {
    assertEquals("oq", TableNames.b32("t"));
    assertEquals("j5zgizlsom", TableNames.b32("Orders"));
    for (String n : List.of("t", "Orders", "a/../b", "ünïcødé 表", "x".repeat(128))) {
      String b = TableNames.b32(n);
      assertTrue(b.matches("[a-z2-7]+"), b);
      assertEquals(n, TableNames.decode(b));
    }
    assertNull(TableNames.decode("_folded"));
    assertNull(TableNames.decode("OQ"));
    FloeException e = assertThrows(FloeException.class, () -> TableNames.b32("x".repeat(129)));
    assertEquals(ErrorCode.INVALID_NAME, e.code());
    assertThrows(FloeException.class, () -> TableNames.b32(""));
  }

  @Test
  void catalogOpKeysEncodeTheWholeOp() {
    CatalogOp op = new CatalogOp("t", 3, CatalogOp.Kind.CREATE);
    assertEquals("catalog/oq/00000000000000000003.create", op.key());
    assertEquals(op, CatalogOp.parse(op.key()));
    assertNull(CatalogOp.parse("catalog/oq/00000000000000000003.drop"), "odd generations are creates");
    assertNull(CatalogOp.parse("catalog/_folded/00000000000000000001.json"));
    assertNull(CatalogOp.parse("catalog/oq/3.create"));
  }

  @Test
  void commitRecordsRoundTripAndCorruptOnesNameTheirKey() {
    Schema s = Schema.of(new Column(0, "id", ColumnType.of(ColumnType.Kind.BIGINT), false),
        new Column(3, "p", ColumnType.decimal(12, 2), true));
    CommitRecord r = new CommitRecord(7, 6, new TxnId("tx"), Operation.UPDATE,
        List.of(new ManifestRef("manifests/a.mf", 2, 10, 999, new byte[] {7, 8})), s, 2, 10, 1234567, "w", 3, 4);
    CommitRecordParser p = new CommitRecordParser("mem:x");
    assertEquals(r, p.decode("k", p.encode(r)));
    assertTrue(r.manifests().get(0).sameAs(p.decode("k", p.encode(r)).manifests().get(0)), "stats round-trip");
    String json = new String(p.encode(r), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"summary\":{\"rowsAdded\":3,\"rowsRemoved\":4}"), json);
    FloeException e = assertThrows(FloeException.class, () -> p.decode("t/log/x.json", "{\"format\":1}".getBytes()));
    assertEquals(ErrorCode.CORRUPT_OBJECT, e.code());
    assertEquals("t/log/x.json", e.key());
    assertTrue(e.getMessage().contains("t/log/x.json"));
  }

  @Test
  void manifestsRoundTripWithFooters() {
    Manifest m = new Manifest(List.of(new SegmentEntry("segments/a.seg", 5, 100, new byte[] {1, 2, 3})));
    assertEquals(m, ManifestParser.fromBytes("k", "mem:x", ManifestParser.toBytes(m)));
    FloeException e = assertThrows(FloeException.class, () -> ManifestParser.fromBytes("m.mf", "mem:x", "[]".getBytes()));
    assertEquals("m.mf", e.key());
  }

  @Test
  void aVarcharLengthIsAnOptionalSchemaFieldAndOldSchemasReadUnbounded() throws Exception {
    Schema s = Schema.of(new Column(0, "v", ColumnType.of(ColumnType.Kind.VARCHAR), true, null, 5),
        new Column(1, "u", ColumnType.of(ColumnType.Kind.VARCHAR), true));
    String json = SchemaParser.toJson(s).toString();
    assertEquals("[{\"id\":0,\"name\":\"v\",\"type\":\"VARCHAR\",\"nullable\":true,\"length\":5},"
        + "{\"id\":1,\"name\":\"u\",\"type\":\"VARCHAR\",\"nullable\":true}]", json);
    assertEquals(s, SchemaParser.fromJson(Json.MAPPER.readTree(json)));
    Schema old = SchemaParser.fromJson(Json.MAPPER.readTree("[{\"id\":0,\"name\":\"v\",\"type\":\"VARCHAR\",\"nullable\":true}]"));
    assertEquals(0, old.column(0).maxLength(), "a schema written before lengths were kept is unbounded");
    assertTrue(s.column(0).tooLong("abcdef"));
    assertTrue(!s.column(0).tooLong("abcde") && !s.column(0).tooLong("\uD83D\uDE00".repeat(5)), "code points count");
    assertThrows(IllegalArgumentException.class,
        () -> new Column(2, "n", ColumnType.of(ColumnType.Kind.BIGINT), true, null, 5));
  }
}
