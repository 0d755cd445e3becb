package dev.mfawatch.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.Fixtures;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the kit does not cover: racing runners, a killed writer, schema versions, settings and secrets. */
class JdbcSnapshotStoreTest {

    private final PostgresServer server = PostgresServer.require();
    private final Database database = server.database();

    private static Snapshot snapshot(int accounts, Instant at) {
        List<Account> list = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            list.add(Fixtures.account("github:" + i, i % 3 == 0 ? MfaState.DISABLED : MfaState.ENABLED));
        }
        return Snapshot.of("gh", at, list);
    }

    @Test
    void ofTwoRunnersRacingForTheLeaseExactlyOneWritesAtATime() throws Exception {
        int runners = 6;
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < runners; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                try (SnapshotStore store = new JdbcSnapshotStore(database)) {
                    start.await();
                    try (SnapshotStore.WriterLease lease = store.lease()) {
                        store.save(snapshot(10 + n, Fixtures.T0.plusSeconds(n)));
                        Thread.sleep(1500);
                        return true;
                    } catch (SnapshotStoreException e) {
                        assertThat(e).hasMessageContaining("another mfa-watch run is writing");
                        return false;
                    }
                }
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> f : results) {
            won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        try (SnapshotStore reader = new JdbcSnapshotStore(database)) {
            assertThat(reader.load("gh")).hasValueSatisfying(s -> assertThat(s.accounts()).hasSizeBetween(10, 15));
        }
    }

    @Test
    void aWriterKilledInTheMiddleOfASaveLeavesTheOldSnapshotAndTheLock() throws Exception {
        Snapshot old = snapshot(5, Fixtures.T0);
        try (SnapshotStore store = new JdbcSnapshotStore(database); SnapshotStore.WriterLease lease = store.lease()) {
            store.save(old);
        }
        Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledWriter.class.getName(), database.url(), database.schema())
                .redirectErrorStream(true).start();
        // The child saves large snapshots in a loop; once it says it is saving, it is killed without warning.
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("saving")) {
            // wait for the loop to start
        }
        Thread.sleep(150);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        try (SnapshotStore store = new JdbcSnapshotStore(database)) {
            Snapshot now = store.load("gh").orElseThrow();
            // every committed save is whole: the old one or one of the child's, never half of one
            assertThat(now.accounts().size()).isIn(5, 20_000);
            // the dead session's lock went with it: a new run may write
            try (SnapshotStore.WriterLease lease = store.lease()) {
                store.save(old);
            }
        }
    }

    @Test
    void aSchemaOfANewerVersionIsRefusedAndLeftAlone() throws Exception {
        new JdbcSnapshotStore(database).close();
        try (Connection c = database.connect(); var s = c.createStatement()) {
            s.execute("UPDATE " + database.schema() + ".mfawatch_schema SET version = 99");
        }
        assertThatThrownBy(() -> new JdbcSnapshotStore(database)).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("version 99").hasMessageContaining("upgrade mfa-watch");
        try (Connection c = database.connect(); var s = c.createStatement();
             var r = s.executeQuery("SELECT version FROM " + database.schema() + ".mfawatch_schema")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(99);
        }
    }

    @Test
    void aWrongPasswordIsNamedWithoutShowingIt() {
        Database wrong = new Database(server.url().replace("127.0.0.1", "127.0.0.1") + "?password=urlCANARY", "nobody",
                dev.mfawatch.spi.Secret.of("pwCANARY"), "x", Duration.ofSeconds(5));
        assertThatThrownBy(wrong::connect).isInstanceOf(SnapshotStoreException.class).hasMessageNotContaining("pwCANARY")
                .hasMessageNotContaining("urlCANARY");
        assertThat(wrong.toString()).doesNotContain("urlCANARY").contains("password=****");
        Database unreachable = new Database("jdbc:postgresql://127.0.0.1:1/postgres", "postgres", null, "x", Duration.ofSeconds(2));
        assertThatThrownBy(unreachable::connect).hasMessageContaining("cannot be reached");
    }

    @Test
    void theProviderChecksItsSettings() {
        assertThatThrownBy(() -> new JdbcSnapshotStoreProvider().create(Settings.of("mfawatch.store.jdbc",
                Map.of("url", "jdbc:mysql://db/x?password=urlCANARY")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PostgreSQL JDBC URL").hasMessageNotContaining("urlCANARY");
        assertThatThrownBy(() -> new JdbcSnapshotStoreProvider().create(Settings.of("mfawatch.store.jdbc",
                Map.of("url", server.url(), "schema", "Bad-Name")))).hasMessageContaining("identifier");
        try (SnapshotStore store = new JdbcSnapshotStoreProvider().create(Settings.of("mfawatch.store.jdbc",
                Map.of("url", server.url(), "user", "postgres", "schema", database.schema())))) {
            assertThat(store.toString()).contains(database.schema());
        }
    }

    /** The child of {@link #aWriterKilledInTheMiddleOfASaveLeavesTheOldSnapshotAndTheLock}. */
    public static final class KilledWriter {
        private KilledWriter() {
        }

        public static void main(String[] args) {
            Database db = new Database(args[0], "postgres", null, args[1], Duration.ofSeconds(30));
            try (SnapshotStore store = new JdbcSnapshotStore(db); SnapshotStore.WriterLease lease = store.lease()) {
                Snapshot big = snapshot(20_000, Fixtures.T0.plusSeconds(60));
                System.out.println("saving");
                System.out.flush();
                while (true) {
                    store.save(big);
                }
            }
        }
    }
}
