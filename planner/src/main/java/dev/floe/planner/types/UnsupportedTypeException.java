package dev.floe.planner.types;

/** A declared column type that Floe cannot store. The driver reports it as SQLState 0A000. */
public final class UnsupportedTypeException extends UnsupportedOperationException {
  private static final long serialVersionUID = 1L;

  public UnsupportedTypeException(String column, String type, String why) {
    super("column '" + column + "' has type " + type + ", which Floe cannot store: " + why);
  }
}
