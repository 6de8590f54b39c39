/**
 * Test fixtures shared with later modules through the storage test-jar: {@link
 * dev.floe.storage.testing.S3ProxyServer}, a real S3-compatible server (s3proxy, in-process on
 * 127.0.0.1 with an ephemeral port, in memory or over a folder) that tests start themselves, so
 * every S3 code path runs against a real HTTP server with real signatures, never a mock.
 */
package dev.floe.storage.testing;
