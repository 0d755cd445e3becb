package dev.mfawatch.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.Fixtures;
import dev.mfawatch.spi.contract.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the kit does not cover: racing runners, a lease that ran out, conflicts, S3's refusals, caps and deadlines. */
class S3SnapshotStoreTest {

    private final FakeS3 s3 = new FakeS3("mfa-state");
    private final List<SnapshotStore> opened = new ArrayList<>();

    @AfterEach
    void stop() {
        opened.forEach(SnapshotStore::close);
        s3.close();
    }

    private S3SnapshotStore store(Clock clock, String... more) {
        S3SnapshotStore store = S3TestStores.open(s3, "team/", clock, more);
        opened.add(store);
        return store;
    }

    private S3SnapshotStore store() {
        return store(Clock.systemUTC());
    }

    private static Snapshot snapshot(String scope, int accounts, Instant at) {
        List<Account> list = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            list.add(Fixtures.account("github:" + i, i % 3 == 0 ? MfaState.DISABLED : MfaState.ENABLED));
        }
        return Snapshot.of("gh", scope, at, list);
    }

    @Test
    void ofSixRunnersRacingForTheLeaseExactlyOneWrites() throws Exception {
        for (int round = 0; round < 5; round++) {
            int runners = 6;
            ExecutorService pool = Executors.newFixedThreadPool(runners);
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch tried = new CountDownLatch(runners);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < runners; i++) {
                S3SnapshotStore store = store();
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    try (SnapshotStore.WriterLease lease = store.lease()) {
                        tried.countDown();
                        store.load("gh"); // as a run does, so the write is conditional on what it read
                        store.save(snapshot("default", 10 + n, Fixtures.T0.plusSeconds(n)));
                        tried.await(10, TimeUnit.SECONDS); // hold it until every runner has tried
                        return true;
                    } catch (SnapshotStoreException e) {
                        assertThat(e).hasMessageContaining("another mfa-watch run is writing");
                        tried.countDown();
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : results) {
                winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).as("round %d", round).isEqualTo(1);
            assertThat(s3.object("team/lease.json")).as("the winner gave the lease back").isNull();
        }
    }

    @Test
    void aRunnerWhoseLeaseRanOutCannotOverwriteTheRunnerThatTookItOver() {
        TestClock clock = new TestClock(Fixtures.T0);
        S3SnapshotStore first = store(clock, "lease-ttl", "10m");
        try (SnapshotStore.WriterLease lease = first.lease()) {
            first.save(snapshot("default", 3, Fixtures.T0));
        }
        SnapshotStore.WriterLease slowLease = first.lease();
        assertThat(first.load("gh")).isPresent();

        S3SnapshotStore second = store(clock, "lease-ttl", "10m");
        assertThatThrownBy(second::lease).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("another mfa-watch run is writing").hasMessageContaining("until 2026-01-05T08:10:00Z");

        clock.advance(Duration.ofMinutes(11)); // the first runner stalls past its lease
        SnapshotStore.WriterLease taken = second.lease();
        assertThat(second.load("gh")).isPresent();
        second.save(snapshot("default", 4, Fixtures.T0.plusSeconds(660)));

        // The stalled runner wakes up: its lease is gone, and its write would overwrite the newer snapshot.
        assertThatThrownBy(() -> first.save(snapshot("default", 5, Fixtures.T0.plusSeconds(661))))
                .isInstanceOf(SnapshotStoreException.class).hasMessageContaining("lease").hasMessageContaining("another run took it over");
        slowLease.close(); // must not delete the other runner's lease
        assertThat(s3.object("team/lease.json")).isNotNull();
        assertThat(second.load("gh")).hasValueSatisfying(s -> assertThat(s.accounts()).hasSize(4));
        taken.close();
        assertThat(s3.object("team/lease.json")).isNull();
    }

    @Test
    void aSnapshotChangedByAnotherWriterAfterItWasReadIsNotOverwritten() {
        S3SnapshotStore mine = store();
        try (SnapshotStore.WriterLease lease = mine.lease()) {
            mine.save(snapshot("default", 3, Fixtures.T0));
        }
        try (SnapshotStore.WriterLease lease = mine.lease()) {
            assertThat(mine.load("gh")).isPresent();
            // A writer that ignored the lease (a second installation with another prefix setting, a human).
            Snapshot theirs = snapshot("default", 7, Fixtures.T0.plusSeconds(5));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try {
                new dev.mfawatch.store.file.codec.StoreJson().writeSnapshot(theirs, out);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            s3.putDirectly("team/snapshots/gh/default.json", out.toByteArray());
            assertThatThrownBy(() -> mine.save(snapshot("default", 4, Fixtures.T0.plusSeconds(10))))
                    .isInstanceOf(SnapshotStoreException.class).hasMessageContaining("another mfa-watch run replaced the snapshot of gh/default")
                    .hasMessageContaining("HTTP 412");
            assertThat(mine.load("gh")).contains(theirs);
        }
    }

    @Test
    void aScopeCreatedByAnotherWriterMeanwhileIsNotOverwritten() {
        S3SnapshotStore mine = store();
        try (SnapshotStore.WriterLease lease = mine.lease()) {
            assertThat(mine.scopes("gh")).isEmpty();
            s3.putDirectly("team/snapshots/gh/org-a.json", "{}".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> mine.save(snapshot("org-a", 4, Fixtures.T0))).isInstanceOf(SnapshotStoreException.class)
                    .hasMessageContaining("created the snapshot of gh/org-a");
        }
    }

    @Test
    void aConditionalRequestConflictIsTriedOnceMore() {
        S3SnapshotStore store = store();
        try (SnapshotStore.WriterLease lease = store.lease()) {
            s3.conflictNext(1);
            store.save(snapshot("default", 3, Fixtures.T0));
            assertThat(store.load("gh")).isPresent();
            s3.conflictNext(2);
            assertThatThrownBy(() -> store.save(snapshot("default", 4, Fixtures.T0))).isInstanceOf(SnapshotStoreException.class)
                    .hasMessageContaining("HTTP 409");
            assertThat(store.load("gh")).hasValueSatisfying(s -> assertThat(s.accounts()).hasSize(3));
        }
    }

    @Test
    void deliveriesChangedByAnotherWriterAreMergedNotLost() {
        S3SnapshotStore one = store();
        S3SnapshotStore other = store();
        var changes = Fixtures.mixedChanges("gh");
        PendingDelivery a = new PendingDelivery("slack", changes.get(0), Fixtures.T0, 1);
        PendingDelivery b = new PendingDelivery("webhook", changes.get(1), Fixtures.T0, 1);
        try (SnapshotStore.WriterLease lease = one.lease()) {
            assertThat(one.pending()).isEmpty(); // read and kept for the run
        }
        SnapshotStore.WriterLease lease = one.lease();
        assertThat(one.pending()).isEmpty();
        // Someone else parks one meanwhile, bypassing the lease (its object, written directly).
        try (SnapshotStore.WriterLease l2 = forced(other)) {
            other.park(List.of(b));
        }
        one.park(List.of(a));
        lease.close();
        assertThat(other.pending()).extracting(PendingDelivery::key).containsExactlyInAnyOrder(a.key(), b.key());
    }

    /** A lease taken by deleting the one held: a second writer that ignores the first. */
    private SnapshotStore.WriterLease forced(S3SnapshotStore store) {
        byte[] held = s3.object("team/lease.json").bytes();
        s3.putDirectly("team/lease.json", "{\"holder\":\"x\",\"host\":\"h\",\"taken\":\"2000-01-01T00:00:00Z\",\"expires\":\"2000-01-01T00:00:01Z\"}"
                .getBytes(StandardCharsets.UTF_8));
        SnapshotStore.WriterLease lease = store.lease();
        return () -> {
            lease.close();
            s3.putDirectly("team/lease.json", held);
        };
    }

    @Test
    void everyObjectIsEncryptedAndScopeIdsOfAnyShapeRoundTrip() {
        S3SnapshotStore store = store(Clock.systemUTC(), "sse", "aws:kms", "kms-key-id", "alias/mfa-watch");
        List<String> scopes = List.of("group:sub-group", "Org:1+2=3", "a@b.c", "x_y", "default");
        try (SnapshotStore.WriterLease lease = store.lease()) {
            for (String scope : scopes) {
                store.save(snapshot(scope, 2, Fixtures.T0));
            }
            store.holdRemoval("gh", "group:sub-group", "mark-1");
            store.park(List.of(new PendingDelivery("slack", Fixtures.mixedChanges("gh").get(0), Fixtures.T0, 1)));
        }
        assertThat(store.scopes("gh")).containsExactlyElementsOf(scopes.stream().sorted().toList());
        for (String scope : scopes) {
            assertThat(store.load("gh", scope)).hasValueSatisfying(s -> assertThat(s.scope()).isEqualTo(scope));
        }
        assertThat(store.heldRemoval("gh", "group:sub-group")).contains("mark-1");
        assertThat(s3.keys()).isNotEmpty().allSatisfy(k -> {
            assertThat(k).startsWith("team/");
            assertThat(s3.object(k).sse()).as(k).isEqualTo("aws:kms");
        });
    }

    @Test
    void s3sRefusalNamesTheActionToGrantAndTheObject() {
        S3SnapshotStore store = store();
        s3.deny("PutObject");
        assertThatThrownBy(store::lease).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("HTTP 403 AccessDenied").hasMessageContaining("grant s3:PutObject on arn:aws:s3:::mfa-state/team/lease.json")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(FakeS3.SECRET_KEY));
        s3.deny("ListObjectsV2");
        assertThatThrownBy(() -> store.scopes("gh")).hasMessageContaining("grant s3:ListBucket on arn:aws:s3:::mfa-state");
        s3.deny("GetObject");
        assertThatThrownBy(() -> store.load("gh")).hasMessageContaining("grant s3:GetObject on arn:aws:s3:::mfa-state/team/snapshots/gh/default.json")
                .hasMessageContaining("and s3:ListBucket on arn:aws:s3:::mfa-state, without which S3 refuses a missing object as 403");
    }

    @Test
    void anUnknownBucketIsNamed() {
        S3SnapshotStore store = store(Clock.systemUTC(), "bucket", "no-such-bucket");
        assertThatThrownBy(() -> store.load("gh")).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("bucket no-such-bucket does not exist (mfawatch.store.s3.bucket)");
    }

    @Test
    void anObjectBeyondTheSizeCapIsRefusedNotRead() {
        S3SnapshotStore store = store(Clock.systemUTC(), "max-object-size", "1MB");
        s3.putDirectly("team/snapshots/gh/default.json", new byte[(1 << 20) + 10]);
        assertThatThrownBy(() -> store.load("gh")).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("s3://mfa-state/team/snapshots/gh/default.json is 1048586 bytes")
                .hasMessageContaining("max-object-size");
    }

    @Test
    void aDamagedSnapshotFailsByNameAndIsLeftAsItIs() {
        S3SnapshotStore store = store();
        byte[] damaged = "{\"version\":1,\"monitor\":\"gh\",\"accounts\":[{\"id\"".getBytes(StandardCharsets.UTF_8);
        s3.putDirectly("team/snapshots/gh/default.json", damaged);
        assertThatThrownBy(() -> store.load("gh")).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("s3://mfa-state/team/snapshots/gh/default.json cannot be read").hasMessageContaining("left untouched");
        assertThat(s3.object("team/snapshots/gh/default.json").bytes()).isEqualTo(damaged);
    }

    @Test
    void aStalledS3IsGivenUpOnWithinTheTimeout() {
        S3SnapshotStore store = store(Clock.systemUTC(), "timeout", "1s");
        s3.stall(4000);
        long started = System.nanoTime();
        assertThatThrownBy(() -> store.load("gh")).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("no answer within PT1S").hasMessageContaining("mfawatch.store.s3.timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aRedirectIsNotFollowed() {
        try (FakeS3 elsewhere = new FakeS3("mfa-state")) {
            S3SnapshotStore store = store();
            s3.redirectTo(elsewhere.baseUri());
            assertThatThrownBy(() -> store.load("gh")).isInstanceOf(SnapshotStoreException.class).hasMessageContaining("HTTP 307");
            assertThat(elsewhere.calls()).isEmpty();
        }
    }

    @Test
    void aLeaseObjectThatCannotBeReadIsNamedAndNotTakenOver() {
        s3.putDirectly("team/lease.json", "not json".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(store()::lease).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("the writer lease s3://mfa-state/team/lease.json cannot be read").hasMessageContaining("delete it");
        assertThat(s3.object("team/lease.json").text()).isEqualTo("not json");
    }

    @Test
    void aLongRunRenewsItsLease() {
        TestClock clock = new TestClock(Fixtures.T0);
        S3SnapshotStore store = store(clock, "lease-ttl", "10m");
        try (SnapshotStore.WriterLease lease = store.lease()) {
            clock.advance(Duration.ofMinutes(6));
            store.save(snapshot("default", 1, Fixtures.T0));
            assertThat(s3.object("team/lease.json").text()).contains("\"expires\":\"2026-01-05T08:16:00Z\"");
            clock.advance(Duration.ofMinutes(9));
            store.save(snapshot("default", 2, Fixtures.T0)); // 15 minutes in: still its own
        }
        assertThat(s3.object("team/lease.json")).isNull();
    }
}
