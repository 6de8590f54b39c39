package dev.floe.jdbc;

/** The driver's version. */
public final class FloeVersion {
  public static final String VERSION = "0.1.0";
  static final int MAJOR = 0;
  static final int MINOR = 1;

  private FloeVersion() {}
}
