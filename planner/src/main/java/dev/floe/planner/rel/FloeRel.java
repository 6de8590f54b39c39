package dev.floe.planner.rel;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/** A relational expression that Floe's scan evaluates itself, in the {@link #CONVENTION}. */
public interface FloeRel extends RelNode {
  /** Floe's calling convention: plans in it run inside the segment reader. */
  Convention CONVENTION = new Convention.Impl("FLOE", FloeRel.class);
}
