package dev.floe.storage.table;

import dev.floe.storage.commit.CommitLoop;
import dev.floe.storage.commit.SequencedLog;
import dev.floe.storage.commit.StoreClock;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.segment.ChunkCache;

/**
 * What every part of one {@link FloeStore} client shares: the store as the engine sees it (store
 * times observed, immutable objects cached), the raw store, the clock and the options.
 *
 * @param store the observing, caching store all reads and writes go through
 * @param raw the store as opened
 * @param clock the store clock of this client
 * @param options the settings
 * @param cache the object cache behind {@code store}
 * @param chunks decoded column chunks kept across scans (shared by the JVM's clients)
 * @param allocator Arrow memory for scans and rewrites, closed with the client
 * @param legacyJson whether the root's marker says format version 1, whose objects may lack the
 *     {@code crc32c} checksum (it is checked wherever present; see {@link Json})
 */
record Env(ObjectStore store, ObjectStore raw, StoreClock clock, FloeOptions options, ObjectCache cache,
    ChunkCache chunks, org.apache.arrow.memory.BufferAllocator allocator, boolean legacyJson) {

  String location() {
    return raw.location();
  }

  CommitLoop<CommitRecord> loop(TableLayout layout) {
    return new CommitLoop<>(new SequencedLog(store, layout.logPrefix()),
        new CommitRecordParser(raw.location(), legacyJson), options.commit());
  }
}
