package dev.floe.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Proves the round-trip harness runs (briefly); the figures themselves are not asserted. */
class TransactionRoundTripsSmokeTest {
  @Test
  void harnessRunsBriefly() {
    TransactionRoundTrips.Result r = TransactionRoundTrips.run(1, 3);
    assertTrue(r.oneTableMs() > 0 && r.twoTableMs() > 0, r.toString());
  }
}
