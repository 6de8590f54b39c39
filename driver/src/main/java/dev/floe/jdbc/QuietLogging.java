package dev.floe.jdbc;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The driver logs through SLF4J and bundles no SLF4J provider: an application's own provider
 * (logback, log4j, slf4j-simple, ...) receives the driver's log, and an application without one
 * gets no log at all. SLF4J alone would then print "No SLF4J providers were found" on standard
 * error; when no provider is on the class path (and neither {@code slf4j.internal.verbosity} nor
 * {@code slf4j.provider} is set), this initializes SLF4J once with its internal reports at ERROR
 * ({@code slf4j.internal.verbosity}, SLF4J 2.0.10+), so that its no-operation fallback stays silent,
 * and then restores the property.
 */
final class QuietLogging {
  private static final String VERBOSITY = "slf4j.internal.verbosity";

  private QuietLogging() {}

  /** Called once, when the driver class initializes. */
  static void whenNoProvider() {
    if (System.getProperty(VERBOSITY) != null || System.getProperty("slf4j.provider") != null
        || hasProvider()) {
      return;
    }
    System.setProperty(VERBOSITY, "ERROR");
    try {
      LoggerFactory.getILoggerFactory(); // binds now: the fallback, reported at the quiet level
    } finally {
      System.clearProperty(VERBOSITY);
    }
  }

  /** Whether SLF4J will find a provider (it looks them up with its own class loader). */
  private static boolean hasProvider() {
    try {
      return ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader())
          .iterator().hasNext();
    } catch (ServiceConfigurationError e) {
      return true; // let SLF4J report the broken provider itself
    }
  }
}
