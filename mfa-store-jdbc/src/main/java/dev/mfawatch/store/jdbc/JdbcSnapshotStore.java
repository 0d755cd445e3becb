package dev.mfawatch.store.jdbc;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.store.file.codec.StoreJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The store in PostgreSQL ({@code mfawatch.store.type=jdbc}). Each snapshot of a monitor scope is one
 * row holding the same JSON the file store writes; deliveries, dead letters and history are rows of
 * their own; the tables live in {@code schema} and are created and migrated by the store (a version
 * table; a newer schema is refused, never altered). The writer lease is a PostgreSQL advisory lock
 * held by one connection from {@link #lease()} until the lease is closed, so two runners never both
 * write; every write is one transaction on that connection, so a crash mid-save leaves the old state.
 * Reads take no lock and see the last committed state.
 */
final class JdbcSnapshotStore implements SnapshotStore {

    /** The schema version this build creates and the newest it reads. */
    static final int SCHEMA_VERSION = 1;

    private final Database db;
    private final StoreJson json = new StoreJson();
    private @Nullable Connection writer;

    JdbcSnapshotStore(Database db) {
        this.db = db;
        migrate();
    }

    private String t(String table) {
        return db.schema() + "." + table;
    }

    private void migrate() {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                // Two first runs at once: the lock orders them, and the second finds the tables made.
                s.execute("SELECT pg_advisory_xact_lock(" + db.lockKey() + " + 1)");
                s.execute("CREATE SCHEMA IF NOT EXISTS " + db.schema());
                s.execute("CREATE TABLE IF NOT EXISTS " + t("mfawatch_schema") + " (version integer NOT NULL)");
                Integer version = null;
                try (ResultSet r = s.executeQuery("SELECT max(version) FROM " + t("mfawatch_schema"))) {
                    if (r.next() && r.getObject(1) != null) {
                        version = r.getInt(1);
                    }
                }
                if (version != null && version > SCHEMA_VERSION) {
                    throw new SnapshotStoreException("the store's tables in schema " + db.schema() + " are of version " + version
                            + ", newer than this mfa-watch knows (" + SCHEMA_VERSION + "): upgrade mfa-watch; the tables are left as they are", null);
                }
                if (version == null) {
                    s.execute("CREATE TABLE " + t("snapshots") + " (monitor text NOT NULL, scope text NOT NULL, taken_at timestamptz NOT NULL,"
                            + " body bytea NOT NULL, PRIMARY KEY (monitor, scope))");
                    s.execute("CREATE TABLE " + t("held_removals") + " (monitor text NOT NULL, scope text NOT NULL, mark text NOT NULL,"
                            + " PRIMARY KEY (monitor, scope))");
                    s.execute("CREATE TABLE " + t("deliveries") + " (key text PRIMARY KEY, seq bigserial, dead boolean NOT NULL,"
                            + " body bytea NOT NULL)");
                    s.execute("CREATE TABLE " + t("history") + " (id bigserial PRIMARY KEY, monitor text NOT NULL,"
                            + " at timestamptz NOT NULL, body bytea NOT NULL)");
                    s.execute("CREATE INDEX ON " + t("history") + " (monitor, at)");
                    s.execute("CREATE INDEX ON " + t("history") + " (at)");
                    s.execute("INSERT INTO " + t("mfawatch_schema") + " VALUES (" + SCHEMA_VERSION + ")");
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw db.failed("cannot create or check the store's tables", e);
        }
    }

    // ----- the lease -------------------------------------------------------------------------------

    @Override
    public synchronized WriterLease lease() {
        if (writer != null) {
            throw new SnapshotStoreException("this store's writer lease is already taken by this process", null);
        }
        Connection c = db.connect();
        try (var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_try_advisory_lock(" + db.lockKey() + ")")) {
            r.next();
            if (!r.getBoolean(1)) {
                close(c);
                throw new SnapshotStoreException("another mfa-watch run is writing to the store in schema " + db.schema()
                        + " (it holds PostgreSQL advisory lock " + db.lockKey() + "); this run does not write", null);
            }
        } catch (SQLException e) {
            close(c);
            throw db.failed("cannot take the store's writer lock", e);
        }
        writer = c;
        return new WriterLease() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (JdbcSnapshotStore.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    // Closing the session drops its advisory lock, even if the unlock call fails.
                    JdbcSnapshotStore.close(writer);
                    writer = null;
                }
            }
        };
    }

    private Connection writing() {
        if (writer == null) {
            throw new IllegalStateException("writing to the store needs the writer lease: call lease() first");
        }
        return writer;
    }

    private interface Work {
        void run(Connection c) throws SQLException, IOException;
    }

    /** One write as one transaction on the lease's connection. */
    private synchronized void write(String what, Work work) {
        Connection c = writing();
        try {
            c.setAutoCommit(false);
            work.run(c);
            c.commit();
        } catch (SQLException | IOException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the transaction did not commit
            }
            throw db.failed("cannot " + what, e);
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the next write sets it again, or fails saying why
            }
        }
    }

    private interface Read<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    private <T> T read(String what, Read<T> read) {
        try (Connection c = db.connect()) {
            return read.run(c);
        } catch (SQLException | IOException e) {
            throw db.failed("cannot " + what, e);
        }
    }

    // ----- snapshots --------------------------------------------------------------------------------

    @Override
    public Optional<Snapshot> load(String monitor, String scope) {
        return read("load the snapshot of " + monitor + "/" + scope, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT body FROM " + t("snapshots") + " WHERE monitor = ? AND scope = ?")) {
                p.setString(1, monitor);
                p.setString(2, scope);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(json.readSnapshot(new ByteArrayInputStream(r.getBytes(1)))) : Optional.<Snapshot>empty();
                }
            }
        });
    }

    @Override
    public List<String> scopes(String monitor) {
        return read("list the scopes of " + monitor, c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT scope FROM " + t("snapshots") + " WHERE monitor = ? ORDER BY scope")) {
                p.setString(1, monitor);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void save(Snapshot snapshot) {
        writing();
        byte[] body = StoreJson.encode(out -> json.writeSnapshot(snapshot, out));
        write("save the snapshot of " + snapshot.monitor() + "/" + snapshot.scope(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t("snapshots") + " (monitor, scope, taken_at, body) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (monitor, scope) DO UPDATE SET taken_at = EXCLUDED.taken_at, body = EXCLUDED.body")) {
                p.setString(1, snapshot.monitor());
                p.setString(2, snapshot.scope());
                p.setTimestamp(3, Timestamp.from(snapshot.takenAt()));
                p.setBytes(4, body);
                p.executeUpdate();
            }
        });
    }

    @Override
    public void retire(String monitor, String scope) {
        write("retire " + monitor + "/" + scope, c -> {
            for (String table : List.of("snapshots", "held_removals")) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t(table) + " WHERE monitor = ? AND scope = ?")) {
                    p.setString(1, monitor);
                    p.setString(2, scope);
                    p.executeUpdate();
                }
            }
        });
    }

    @Override
    public Optional<String> heldRemoval(String monitor, String scope) {
        return read("read the held removal of " + monitor + "/" + scope, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT mark FROM " + t("held_removals") + " WHERE monitor = ? AND scope = ?")) {
                p.setString(1, monitor);
                p.setString(2, scope);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void holdRemoval(String monitor, String scope, @Nullable String mark) {
        write("hold the removal of " + monitor + "/" + scope, c -> {
            String sql = mark == null ? "DELETE FROM " + t("held_removals") + " WHERE monitor = ? AND scope = ?"
                    : "INSERT INTO " + t("held_removals") + " (monitor, scope, mark) VALUES (?, ?, ?) ON CONFLICT (monitor, scope) DO UPDATE SET mark = EXCLUDED.mark";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, monitor);
                p.setString(2, scope);
                if (mark != null) {
                    p.setString(3, mark);
                }
                p.executeUpdate();
            }
        });
    }

    // ----- deliveries -------------------------------------------------------------------------------

    @Override
    public List<PendingDelivery> pending() {
        return deliveries(false);
    }

    @Override
    public List<PendingDelivery> deadLetters() {
        return deliveries(true);
    }

    private List<PendingDelivery> deliveries(boolean dead) {
        return read("read the " + (dead ? "dead letters" : "pending deliveries"), c -> {
            List<PendingDelivery> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT body FROM " + t("deliveries") + " WHERE dead = ? ORDER BY seq")) {
                p.setBoolean(1, dead);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(json.readPending(new ByteArrayInputStream(r.getBytes(1))).pending().get(0));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void park(List<PendingDelivery> deliveries) {
        writing();
        if (deliveries.isEmpty()) {
            return;
        }
        write("park " + deliveries.size() + " deliveries", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t("deliveries") + " (key, dead, body) VALUES (?, false, ?)"
                    + " ON CONFLICT (key) DO UPDATE SET body = EXCLUDED.body, dead = false")) {
                for (PendingDelivery d : deliveries) {
                    p.setString(1, d.key());
                    p.setBytes(2, StoreJson.encode(out -> json.writePending(new StoreJson.Deliveries(List.of(d), List.of()), out)));
                    p.addBatch();
                }
                p.executeBatch();
            }
        });
    }

    @Override
    public void acknowledge(Collection<String> keys) {
        change("acknowledge deliveries", "DELETE FROM " + t("deliveries") + " WHERE NOT dead AND key = ANY (?)", keys);
    }

    @Override
    public void bury(Collection<String> keys) {
        change("bury deliveries", "UPDATE " + t("deliveries") + " SET dead = true WHERE NOT dead AND key = ANY (?)", keys);
    }

    @Override
    public void dropDeadLetters(Collection<String> keys) {
        change("drop dead letters", "DELETE FROM " + t("deliveries") + " WHERE dead AND key = ANY (?)", keys);
    }

    private void change(String what, String sql, Collection<String> keys) {
        writing();
        if (keys.isEmpty()) {
            return;
        }
        write(what, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setArray(1, c.createArrayOf("text", keys.toArray()));
                p.executeUpdate();
            }
        });
    }

    @Override
    public void revive(Collection<String> keys, Instant now) {
        writing();
        List<PendingDelivery> moving = deadLetters().stream().filter(d -> keys.contains(d.key())).toList();
        if (moving.isEmpty()) {
            return;
        }
        write("revive dead letters", c -> {
            // Back at the end of the queue, with the attempts counted afresh.
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + t("deliveries") + " WHERE key = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO " + t("deliveries") + " (key, dead, body) VALUES (?, false, ?)")) {
                for (PendingDelivery d : moving) {
                    del.setString(1, d.key());
                    del.executeUpdate();
                    ins.setString(1, d.key());
                    ins.setBytes(2, StoreJson.encode(out -> json.writePending(new StoreJson.Deliveries(List.of(new PendingDelivery(d.notifier(), d.change(), now, 1)), List.of()), out)));
                    ins.executeUpdate();
                }
            }
        });
    }

    // ----- history ----------------------------------------------------------------------------------

    @Override
    public void appendHistory(List<HistoryRecord> records) {
        writing();
        if (records.isEmpty()) {
            return;
        }
        write("append " + records.size() + " history records", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t("history") + " (monitor, at, body) VALUES (?, ?, ?)")) {
                for (HistoryRecord r : records) {
                    p.setString(1, r.monitor());
                    p.setTimestamp(2, Timestamp.from(r.at()));
                    p.setBytes(3, StoreJson.encode(out -> json.writeHistoryLine(r, out)));
                    p.addBatch();
                }
                p.executeBatch();
            }
        });
    }

    @Override
    public List<HistoryRecord> history(String monitor, Instant from, Instant to) {
        return history(List.of(monitor), from, to);
    }

    /** One query for every monitor asked for. */
    @Override
    public List<HistoryRecord> history(Collection<String> monitors, Instant from, Instant to) {
        return read("read the history of " + String.join(", ", monitors), c -> {
            List<HistoryRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT body FROM " + t("history")
                    + " WHERE monitor = ANY (?) AND at >= ? AND at < ? ORDER BY at, id")) {
                p.setArray(1, c.createArrayOf("text", monitors.toArray()));
                p.setTimestamp(2, Timestamp.from(from));
                p.setTimestamp(3, Timestamp.from(to));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(json.readHistoryLine(new String(r.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void pruneHistory(Instant before) {
        write("prune the history", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t("history") + " WHERE at < ?")) {
                p.setTimestamp(1, Timestamp.from(before));
                p.executeUpdate();
            }
        });
    }

    // ----- helpers ----------------------------------------------------------------------------------

    private static void close(@Nullable Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing only frees the session
            }
        }
    }

    @Override
    public synchronized void close() {
        close(writer);
        writer = null;
    }

    @Override
    public String toString() {
        return "JdbcSnapshotStore[" + db + "]";
    }
}
