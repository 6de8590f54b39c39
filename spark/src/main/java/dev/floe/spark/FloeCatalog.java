package dev.floe.spark;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Floe root as a Spark catalog:
 *
 * <pre>
 * spark.sql.catalog.floe=dev.floe.spark.FloeCatalog
 * spark.sql.catalog.floe.url=jdbc:floe:s3://bucket/prefix?endpoint=...   (or jdbc:floe:file:PATH)
 * </pre>
 *
 * (optionally {@code .user} and {@code .password} for S3). Floe has one flat namespace of tables:
 * {@code floe.t} names table {@code t}; a namespace in an identifier ({@code floe.db.t}) is refused.
 * Names are exact (Spark passes them as typed). Time travel: {@code VERSION AS OF n} is Floe version
 * n, {@code TIMESTAMP AS OF t} the latest version committed at or before t.
 */
public final class FloeCatalog implements TableCatalog {
  private String catalogName;
  private StoreSpec spec;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.catalogName = name;
    this.spec = StoreSpec.of(options);
  }

  @Override
  public String name() {
    return catalogName;
  }

  private FloeStore store() {
    return Stores.open(spec);
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length > 0) {
      throw new NoSuchNamespaceException(namespace);
    }
    return store().tables().stream().map(t -> Identifier.of(new String[0], t)).toArray(Identifier[]::new);
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table loadTable(Identifier ident) throws NoSuchTableException {
    return FloeTable.latest(spec, find(ident));
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table loadTable(Identifier ident, String version)
      throws NoSuchTableException {
    long v;
    try {
      v = Long.parseLong(version.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("VERSION AS OF '" + version + "' for table '" + ident.name()
          + "': a Floe version is a number (floe_system.versions lists them)", e);
    }
    return FloeTable.pinned(spec, find(ident).version(v));
  }

  /** {@code timestamp}: microseconds since the epoch, as Spark passes TIMESTAMP AS OF. */
  @Override
  public org.apache.spark.sql.connector.catalog.Table loadTable(Identifier ident, long timestamp)
      throws NoSuchTableException {
    Instant at = Instant.ofEpochSecond(Math.floorDiv(timestamp, 1_000_000L), Math.floorMod(timestamp, 1_000_000L) * 1000L);
    Table t = find(ident);
    try {
      return FloeTable.pinned(spec, t.asOf(at));
    } catch (FloeException e) {
      if (e.code() == ErrorCode.TABLE_NOT_FOUND) {
        throw new NoSuchTableException(ident);
      }
      throw e;
    }
  }

  private Table find(Identifier ident) throws NoSuchTableException {
    if (ident.namespace().length > 0) {
      throw new NoSuchTableException(ident);
    }
    Optional<Table> t = store().find(ident.name());
    if (t.isEmpty()) {
      throw new NoSuchTableException(ident);
    }
    return t.get();
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table createTable(Identifier ident, Column[] columns,
      Transform[] partitions, Map<String, String> properties)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    if (ident.namespace().length > 0) {
      throw new NoSuchNamespaceException(ident.namespace());
    }
    if (partitions.length > 0) {
      throw new UnsupportedOperationException("Floe tables are not partitioned (" + partitions.length
          + " partition transform(s) given for '" + ident.name() + "'); stats pruning on segments replaces"
          + " partitions: leave out PARTITIONED BY");
    }
    StructType struct = org.apache.spark.sql.connector.catalog.CatalogV2Util.v2ColumnsToStructType(columns);
    try {
      return FloeTable.latest(spec, store().create(ident.name(), SparkTypes.schema(struct)));
    } catch (FloeException e) {
      if (e.code() == ErrorCode.TABLE_EXISTS) {
        throw new TableAlreadyExistsException(ident);
      }
      throw e;
    }
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table alterTable(Identifier ident, TableChange... changes)
      throws NoSuchTableException {
    throw new UnsupportedOperationException("ALTER TABLE through Spark is not supported by Floe's catalog yet;"
        + " run ALTER TABLE " + ident.name() + " ADD COLUMN ... through Floe's JDBC driver");
  }

  @Override
  public boolean dropTable(Identifier ident) {
    return ident.namespace().length == 0 && store().dropIfExists(ident.name());
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw new UnsupportedOperationException("Floe has no RENAME TABLE: a table's objects live under a root"
        + " derived from its name; create the new table AS SELECT from the old one, then drop the old one");
  }
}
