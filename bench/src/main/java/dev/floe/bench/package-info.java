/** Benchmark harnesses: plain main classes that print their figures; run them as docs/benchmarks.md says. */
package dev.floe.bench;
