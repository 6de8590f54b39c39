package dev.floe.storage.table;

import dev.floe.storage.io.ObjectInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the objects under a table root that no version references: every manifest listed by some
 * record that no VACUUM expired, and every segment listed by such a manifest, is referenced; log records, the hint and
 * the log's summaries ({@code history/}) are never orphans. Reads each distinct manifest once.
 */
final class OrphanFinder {
  private OrphanFinder() {}

  static OrphanReport find(Table table) {
    TableLayout layout = table.layout();
    Set<String> referenced = new HashSet<>();
    Set<String> seenManifests = new HashSet<>();
    List<TableVersion> history = historyIncludingTombstone(table);
    Set<Long> expired = new HashSet<>();
    for (TableVersion v : history) {
      if (v.operation() == Operation.VACUUM) {
        referenced.add(layout.abs(Vacuum.listKey(v.record().txnId())));
        expired.addAll(Vacuum.announcement(table, v.record()).expired());
      }
    }
    for (TableVersion v : history) {
      if (expired.contains(v.version())) {
        continue; // VACUUM expired it: its objects are no longer referenced by it (and may be gone)
      }
      for (ManifestRef ref : v.record().manifests()) {
        if (seenManifests.add(ref.key())) {
          referenced.add(layout.abs(ref.key()));
          for (SegmentEntry e : table.manifests().load(ref).segments()) {
            referenced.add(layout.abs(e.key()));
          }
        }
      }
    }
    List<ObjectInfo> orphans = new ArrayList<>();
    try (Stream<ObjectInfo> s = table.env().store().list(layout.root(), null)) {
      s.filter(i -> !i.key().startsWith(layout.logPrefix()) && !i.key().startsWith(layout.abs(History.PREFIX))
              && !referenced.contains(i.key()))
          .forEach(orphans::add);
    }
    return new OrphanReport(layout.root(), List.copyOf(orphans), referenced.size());
  }

  private static List<TableVersion> historyIncludingTombstone(Table table) {
    List<TableVersion> out = new ArrayList<>();
    for (ObjectInfo i : table.loop().log().records()) {
      out.add(new TableVersion(table, table.loop().read(table.loop().log().versionOf(i.key()))));
    }
    return out;
  }
}
