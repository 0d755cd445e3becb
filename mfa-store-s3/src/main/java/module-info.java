/**
 * The S3 snapshot store ({@code mfawatch.store.type=s3}): snapshots, deliveries and history as
 * objects in a bucket, one writer at a time by S3's conditional writes, no lock server.
 *
 * @provides dev.mfawatch.spi.SnapshotStoreProvider
 */
module dev.mfawatch.store.s3 {
    requires dev.mfawatch.core;
    requires dev.mfawatch.store.file;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.utils;
    requires static org.jspecify;

    provides dev.mfawatch.spi.SnapshotStoreProvider with dev.mfawatch.store.s3.S3SnapshotStoreProvider;
}
