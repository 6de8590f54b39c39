/**
 * The S3-compatible backend of {@link dev.floe.storage.io.ObjectStore}: {@link
 * dev.floe.storage.io.s3.S3Store} on the MinIO Java client. Create-if-absent is a PUT with {@code
 * If-None-Match: *} ({@code ConditionalPut}), self-tested before the first write of each store
 * instance ({@code CreateIfAbsentProbe}); {@code S3Failure} classifies a failed request by how far
 * it got (never sent, no reply, error reply), which decides retries and unknown outcomes; {@code
 * S3Calls} runs the idempotent requests with retries; {@code S3Listing} pages ListObjectsV2 lazily.
 */
package dev.floe.storage.io.s3;
