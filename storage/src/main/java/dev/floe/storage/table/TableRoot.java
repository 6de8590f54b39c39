package dev.floe.storage.table;

/**
 * A table root found under {@code tables/}, with what the catalog says about it: for VACUUM, which
 * may reclaim the roots of dropped tables, and for finding what crashed creators left behind.
 *
 * @param name the table name
 * @param generation the catalog generation of the root
 * @param root the root prefix
 * @param status what the catalog says
 * @param objects how many objects lie under it
 */
public record TableRoot(String name, long generation, String root, Status status, int objects) {
  /** A root's standing in the catalog. */
  public enum Status {
    /** The winning op of its name is the create of this generation. */
    LIVE,
    /** A later generation of its name exists: the table was dropped (or recreated). */
    DROPPED,
    /**
     * No op of this generation exists yet: a creator wrote it and has not published (or crashed);
     * the next creator of the name rolls it forward if it holds {@code log/0}.
     */
    UNPUBLISHED
  }
}
