package dev.floe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.floe.bench.ColdQueryBench.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cold-query harness: its round-trip count, and a tiny run against a real s3proxy. */
class ColdQueryBenchTest {

  @Test
  void requestsInFlightTogetherAreOneRoundTrip() {
    List<Request> requests = List.of(
        new Request("GET", "floe.json", 0, 10),
        new Request("LIST", "catalog/", 10, 20),
        new Request("GET", "m1", 20, 30), new Request("GET", "m2", 21, 31), new Request("GET", "m3", 22, 29),
        new Request("GET_RANGE", "s1", 31, 40), new Request("GET_RANGE", "s2", 32, 41),
        new Request("GET", "late", 50, 60));
    // floe.json, the listing, the three manifests together; then comes the data
    assertEquals(3, ColdQueryBench.roundTripsBeforeData(requests, Long.MIN_VALUE));
    // from the query's start (after floe.json): the listing and the manifests
    assertEquals(2, ColdQueryBench.roundTripsBeforeData(requests, 10));
  }

  @Test
  void aTinyRunAgainstS3Proxy() throws Exception {
    ColdQueryBench.main(new String[] {"2000", "slice_agg"});
  }
}
