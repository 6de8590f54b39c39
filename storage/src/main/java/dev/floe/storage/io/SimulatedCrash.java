package dev.floe.storage.io;

/**
 * Thrown by {@link FaultInjectingStore} when it simulates the death of the process at a chosen
 * call. It is an {@link Error} so that no {@code catch (RuntimeException)} in the code under test
 * can swallow it and carry on as a dead process could not; once thrown, every later call of that
 * store throws it again.
 */
public final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  public SimulatedCrash(String message) {
    super(message, null, false, false);
  }
}
