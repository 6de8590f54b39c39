package dev.floe.spark;

import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableVersion;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read.format("floe")} (and {@code df.write.format("floe").mode("append")}) for one-off
 * use without a catalog. Options: {@code url} (a Floe JDBC URL, required), {@code table} (required),
 * {@code user}/{@code password} (S3), and at most one of {@code version} (a Floe version number),
 * {@code timestamp} (an ISO-8601 instant: the latest version committed at or before it) and {@code
 * snapshot} (a named snapshot) to read a pinned version.
 */
public final class FloeSource implements TableProvider, DataSourceRegister {
  @Override
  public String shortName() {
    return "floe";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return resolve(options).schema();
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table getTable(StructType schema, Transform[] partitioning,
      Map<String, String> properties) {
    return resolve(properties);
  }

  private static FloeTable resolve(Map<String, String> properties) {
    Map<String, String> o = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    o.putAll(properties);
    StoreSpec spec = StoreSpec.of(o);
    String name = o.get("table");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("the option 'table' is missing: name the Floe table to read, as in"
          + " .option(\"table\", \"orders\")");
    }
    String version = o.get("version");
    String timestamp = o.get("timestamp");
    String snapshot = o.get("snapshot");
    int pins = (version != null ? 1 : 0) + (timestamp != null ? 1 : 0) + (snapshot != null ? 1 : 0);
    if (pins > 1) {
      throw new IllegalArgumentException("give at most one of the options version, timestamp and snapshot"
          + " for table '" + name + "': each pins the version read");
    }
    FloeStore store = Stores.open(spec);
    if (snapshot != null) {
      return FloeTable.pinned(spec, store.atSnapshot(snapshot, name));
    }
    Table table = store.table(name);
    if (version != null) {
      TableVersion v;
      try {
        v = table.version(Long.parseLong(version.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the option version='" + version + "' is not a Floe version number", e);
      }
      return FloeTable.pinned(spec, v);
    }
    if (timestamp != null) {
      java.time.Instant at;
      try {
        at = java.time.Instant.parse(timestamp.trim());
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("the option timestamp='" + timestamp + "' is not an ISO-8601 instant"
            + " such as 2026-12-08T01:00:00Z", e);
      }
      return FloeTable.pinned(spec, table.asOf(at));
    }
    return FloeTable.latest(spec, table);
  }
}
