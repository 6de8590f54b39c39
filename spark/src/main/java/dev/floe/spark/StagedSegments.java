package dev.floe.spark;

import java.util.List;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * What a write task sends the driver when it commits: the segments it staged, for the one log
 * commit.
 *
 * @param segments the staged segments, keys under {@code staged/}
 */
record StagedSegments(List<SegmentRef> segments) implements WriterCommitMessage {
  private static final long serialVersionUID = 1L;

  StagedSegments {
    segments = List.copyOf(segments);
  }
}
