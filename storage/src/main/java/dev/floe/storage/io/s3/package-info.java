/** The {@code s3} backend of the object-store SPI; see {@link dev.floe.storage.io.ObjectStore}. */
package dev.floe.storage.io.s3;
