package dev.floe.storage.segment;

import java.util.List;

/** A column chunk's buffers before compression, with its encoding and stats. */
record RawChunk(Encoding encoding, List<byte[]> buffers, ColumnStats stats) {}
