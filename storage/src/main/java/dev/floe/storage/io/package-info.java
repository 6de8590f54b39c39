/**
 * The object-store SPI that every Floe guarantee rests on ({@link dev.floe.storage.io.ObjectStore}),
 * its configuration and errors, and the counting and fault-injecting wrappers used by tests and
 * benchmarks. Backends live in the {@code memory}, {@code local} and {@code s3} subpackages and are
 * opened through {@link dev.floe.storage.io.ObjectStores}.
 */
package dev.floe.storage.io;
