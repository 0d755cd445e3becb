package dev.mfawatch.store.s3;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.store.file.codec.StoreJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store in an S3 bucket ({@code mfawatch.store.type=s3}), for runners without a disk: one
 * object per monitor scope ({@code snapshots/<monitor>/<scope>.json}, the file store's JSON), one for
 * the deliveries and dead letters, one for held removals, and the history as
 * {@code history/<yyyy-MM>/<monitor>.jsonl}, all under the prefix.
 *
 * <p><b>No lock server.</b> S3's conditional writes do the locking. The writer lease is the object
 * {@code lease.json}, created with {@code If-None-Match: *} and holding its expiry; a lease past its
 * expiry (a runner killed mid-run) is taken over with {@code If-Match} on its ETag, and a long run
 * renews its own the same way. Under the lease every write is conditional as well: a snapshot is
 * replaced only if it is still the version this run read ({@code If-Match}), and created only if no
 * one created it meanwhile ({@code If-None-Match: *}). So even a runner whose lease ran out cannot
 * overwrite another's: the loser gets 412 and fails with a message that says so. The deliveries,
 * held removals and history are merged again and written once more on a conflict, as their changes
 * commute; a snapshot is never retried, since it was compared with a state that is no longer there.
 *
 * <p>Reads take no lock: S3 is strongly consistent, and a reader sees each object whole, old or new.
 */
final class S3SnapshotStore implements SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3SnapshotStore.class);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final String ABSENT = "";

    private final S3Objects s3;
    private final String prefix;
    private final Clock clock;
    private final Duration leaseTtl;
    private final String holder = UUID.randomUUID().toString();
    private final StoreJson json = new StoreJson();
    private final ObjectMapper mapper = new ObjectMapper();
    /** The ETag of each snapshot object as this store last read or wrote it; {@link #ABSENT} if it had none. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final Doc<StoreJson.Deliveries> deliveries;
    private final Doc<Map<String, String>> held;
    // Read by the documents' own locks too: volatile, so they see a lease taken or given back.
    private volatile @Nullable Lease lease;

    /** The lease as this store holds it. */
    private record Lease(String etag, Instant expires) {
    }

    /** What the lease object says: who holds it, since when, until when. */
    record LeaseBody(String holder, String host, Instant taken, Instant expires) {
    }

    S3SnapshotStore(S3Objects s3, String prefix, Clock clock, Duration leaseTtl) {
        this.s3 = s3;
        this.prefix = prefix;
        this.clock = clock;
        this.leaseTtl = leaseTtl;
        this.deliveries = new Doc<>(prefix + "deliveries.json", new StoreJson.Deliveries(List.of(), List.of()),
                bytes -> json.readPending(new ByteArrayInputStream(bytes)), d -> StoreJson.encode(out -> json.writePending(d, out)));
        this.held = new Doc<>(prefix + "held-removals.json", Map.of(),
                bytes -> Map.copyOf(mapper.readValue(bytes, new TypeReference<TreeMap<String, String>>() { })),
                m -> mapper.writeValueAsBytes(new TreeMap<>(m)));
    }

    String leaseKey() {
        return prefix + "lease.json";
    }

    // ----- the lease --------------------------------------------------------------------------------

    @Override
    public synchronized WriterLease lease() {
        if (lease != null) {
            throw new SnapshotStoreException("this store's writer lease is already taken by this process", null);
        }
        Instant now = clock.instant();
        byte[] mine = leaseBody(now);
        String etag;
        try {
            etag = s3.put(leaseKey(), mine, null);
        } catch (S3Objects.Conflict taken) {
            etag = takeOver(now, mine);
        }
        lease = new Lease(etag, now.plus(leaseTtl));
        return new WriterLease() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (S3SnapshotStore.this) {
                    if (!closed) {
                        closed = true;
                        giveBack();
                    }
                }
            }
        };
    }

    /** The lease object exists: refuse if its holder's time is not up, else take it over by its ETag. */
    private String takeOver(Instant now, byte[] mine) {
        Optional<S3Objects.Read> current = s3.get(leaseKey());
        if (current.isEmpty()) {
            // Given back between our create and our read: one more try, then the other runner has it.
            try {
                return s3.put(leaseKey(), mine, null);
            } catch (S3Objects.Conflict again) {
                throw busy("another mfa-watch run took the store's writer lease at " + s3.where(leaseKey()) + " just now");
            }
        }
        LeaseBody other;
        try {
            com.fasterxml.jackson.databind.JsonNode n = mapper.readTree(current.get().bytes());
            other = new LeaseBody(n.path("holder").asText(), n.path("host").asText(), Instant.parse(n.path("taken").asText()),
                    Instant.parse(n.path("expires").asText()));
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new SnapshotStoreException("the writer lease " + s3.where(leaseKey()) + " cannot be read (" + dev.mfawatch.spi.BoundedHttp.firstLine(String.valueOf(e.getMessage()))
                    + "): if no mfa-watch run is writing, delete it", e);
        }
        if (other.expires().isAfter(now)) {
            throw busy("another mfa-watch run is writing to the store: it took the writer lease " + s3.where(leaseKey()) + " at "
                    + other.taken() + " on " + other.host() + ", until " + other.expires() + "; this run does not write");
        }
        try {
            String etag = s3.put(leaseKey(), mine, current.get().etag());
            LOG.warn("took over the store's writer lease, which a run on {} took at {} and did not give back by {} (it was "
                    + "stopped, or ran longer than mfawatch.store.s3.lease-ttl)", other.host(), other.taken(), other.expires());
            return etag;
        } catch (S3Objects.Conflict lost) {
            throw busy("another mfa-watch run took over the expired writer lease " + s3.where(leaseKey()) + " at the same moment");
        }
    }

    private static SnapshotStoreException busy(String message) {
        return new SnapshotStoreException(message, null);
    }

    private byte[] leaseBody(Instant now) {
        try {
            return mapper.writeValueAsBytes(mapper.createObjectNode().put("holder", holder).put("host", host())
                    .put("taken", now.toString()).put("expires", now.plus(leaseTtl).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Who holds the lease, for the message of a runner that finds it taken: no DNS lookup, which could stall. */
    private static String host() {
        String name = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null ? "Lambda " + System.getenv("AWS_LAMBDA_FUNCTION_NAME")
                : System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                name = "an unnamed host";
            }
        }
        return name + " (pid " + ProcessHandle.current().pid() + ")";
    }

    /** Deletes the lease object if it is still ours; never throws, as it closes a run. */
    private void giveBack() {
        Lease mine = lease;
        lease = null;
        deliveries.forget();
        held.forget();
        if (mine == null) {
            return;
        }
        try {
            s3.delete(leaseKey(), mine.etag());
        } catch (S3Objects.Conflict e) {
            LOG.warn("the store's writer lease {} was taken over by another run after it expired; this run's writes were "
                    + "conditional, so none of them overwrote the other run's", s3.where(leaseKey()));
        } catch (RuntimeException e) {
            LOG.warn("the store's writer lease {} could not be given back ({}); the next run takes it over after it expires at {}",
                    s3.where(leaseKey()), e.getMessage(), mine.expires());
        }
    }

    /** The lease, renewed when half its time is gone, so a long run keeps it. */
    private synchronized void writing() {
        if (lease == null) {
            throw new IllegalStateException("writing to the store needs the writer lease: call lease() first");
        }
        Instant now = clock.instant();
        if (now.isAfter(lease.expires().minus(leaseTtl.dividedBy(2)))) {
            try {
                lease = new Lease(s3.put(leaseKey(), leaseBody(now), lease.etag()), now.plus(leaseTtl));
            } catch (S3Objects.Conflict e) {
                throw new SnapshotStoreException("this run's writer lease " + s3.where(leaseKey()) + " ran out (mfawatch.store.s3.lease-ttl="
                        + leaseTtl + ") and another run took it over; this run writes nothing more", null);
            }
        }
    }

    // ----- snapshots --------------------------------------------------------------------------------

    private String snapshotKey(String monitor, String scope) {
        return prefix + "snapshots/" + Keys.encode(monitor) + "/" + Keys.encode(scope) + ".json";
    }

    @Override
    public Optional<Snapshot> load(String monitor, String scope) {
        String key = snapshotKey(monitor, scope);
        Optional<S3Objects.Read> read = s3.get(key);
        seen.put(key, read.map(S3Objects.Read::etag).orElse(ABSENT));
        return read.map(r -> parse(key, r.bytes(), bytes -> json.readSnapshot(new ByteArrayInputStream(bytes))));
    }

    @Override
    public List<String> scopes(String monitor) {
        String dir = prefix + "snapshots/" + Keys.encode(monitor) + "/";
        List<String> scopes = new ArrayList<>();
        for (String key : s3.list(dir)) {
            String name = key.substring(dir.length());
            if (name.endsWith(".json") && !name.contains("/")) {
                scopes.add(Keys.decode(name.substring(0, name.length() - ".json".length())));
            }
        }
        scopes.sort(Comparator.naturalOrder());
        return scopes;
    }

    @Override
    public void save(Snapshot snapshot) {
        writing();
        String key = snapshotKey(snapshot.monitor(), snapshot.scope());
        byte[] body = StoreJson.encode(out -> json.writeSnapshot(snapshot, out));
        String known = seen.get(key);
        String ifMatch = known == null || known.equals(ABSENT) ? null : known;
        for (int attempt = 1; ; attempt++) {
            try {
                seen.put(key, s3.put(key, body, ifMatch));
                return;
            } catch (S3Objects.Conflict e) {
                if (!e.retryable() || attempt == 2) {
                    seen.remove(key);
                    throw new SnapshotStoreException("another mfa-watch run " + (ifMatch == null ? "created" : "replaced") + " the snapshot of "
                            + snapshot.monitor() + "/" + snapshot.scope() + " (" + s3.where(key) + ") " + (known == null
                            ? "though this run never read it" : "after this run read it") + "; S3 refused to overwrite it (HTTP " + e.status + " to a write conditional on " + (ifMatch == null ? "its absence" : "its ETag")
                            + "), so the other run's snapshot is kept and the next run compares with it", null);
                }
            }
        }
    }

    @Override
    public void retire(String monitor, String scope) {
        writing();
        String key = snapshotKey(monitor, scope);
        String known = seen.get(key);
        try {
            s3.delete(key, known == null || known.equals(ABSENT) ? null : known);
        } catch (S3Objects.Conflict e) {
            throw new SnapshotStoreException("another mfa-watch run wrote the snapshot of " + monitor + "/" + scope + " (" + s3.where(key)
                    + ") after this run read it, so it is not retired", null);
        }
        seen.remove(key);
        holdRemoval(monitor, scope, null);
    }

    @Override
    public Optional<String> heldRemoval(String monitor, String scope) {
        return Optional.ofNullable(held.read().get(heldKey(monitor, scope)));
    }

    @Override
    public void holdRemoval(String monitor, String scope, @Nullable String mark) {
        writing();
        String k = heldKey(monitor, scope);
        held.update("hold the removal of " + monitor + "/" + scope, m -> {
            Map<String, String> next = new TreeMap<>(m);
            if (mark == null) {
                next.remove(k);
            } else {
                next.put(k, mark);
            }
            return Map.copyOf(next);
        });
    }

    private static String heldKey(String monitor, String scope) {
        return Keys.encode(monitor) + "/" + Keys.encode(scope);
    }

    // ----- deliveries -------------------------------------------------------------------------------

    @Override
    public List<PendingDelivery> pending() {
        return deliveries.read().pending();
    }

    @Override
    public List<PendingDelivery> deadLetters() {
        return deliveries.read().dead();
    }

    @Override
    public void park(List<PendingDelivery> parked) {
        writing();
        if (!parked.isEmpty()) {
            deliveries.update("park " + parked.size() + " deliveries", d -> d.park(parked));
        }
    }

    @Override
    public void acknowledge(Collection<String> keys) {
        writing();
        deliveries.update("acknowledge deliveries", d -> d.acknowledge(keys));
    }

    @Override
    public void bury(Collection<String> keys) {
        writing();
        deliveries.update("bury deliveries", d -> d.bury(keys));
    }

    @Override
    public void revive(Collection<String> keys, Instant now) {
        writing();
        deliveries.update("revive dead letters", d -> d.revive(keys, now));
    }

    @Override
    public void dropDeadLetters(Collection<String> keys) {
        writing();
        deliveries.update("drop dead letters", d -> d.dropDead(keys));
    }

    // ----- history ----------------------------------------------------------------------------------

    private String historyKey(String month, String monitor) {
        return prefix + "history/" + month + "/" + Keys.encode(monitor) + ".jsonl";
    }

    @Override
    public void appendHistory(List<HistoryRecord> records) {
        writing();
        Map<String, List<HistoryRecord>> byObject = new TreeMap<>();
        for (HistoryRecord r : records) {
            byObject.computeIfAbsent(historyKey(MONTH.format(r.at()), r.monitor()), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<HistoryRecord>> e : byObject.entrySet()) {
            byte[] lines = StoreJson.encode(out -> {
                for (HistoryRecord r : e.getValue()) {
                    json.writeHistoryLine(r, out);
                }
            });
            // Appending is a read and a conditional write: S3 has no append for general purpose buckets.
            new Doc<byte[]>(e.getKey(), new byte[0], b -> b, b -> b).update("append the history", old -> {
                byte[] next = java.util.Arrays.copyOf(old, old.length + lines.length);
                System.arraycopy(lines, 0, next, old.length, lines.length);
                return next;
            });
        }
    }

    @Override
    public List<HistoryRecord> history(String monitor, Instant from, Instant to) {
        String fromMonth = MONTH.format(from);
        String toMonth = MONTH.format(to);
        String suffix = "/" + Keys.encode(monitor) + ".jsonl";
        List<HistoryRecord> out = new ArrayList<>();
        for (String key : s3.list(prefix + "history/")) {
            String rest = key.substring(prefix.length() + "history/".length());
            if (!rest.endsWith(suffix) || rest.length() != 7 + suffix.length()) {
                continue;
            }
            String month = rest.substring(0, 7);
            if (month.compareTo(fromMonth) < 0 || month.compareTo(toMonth) > 0) {
                continue;
            }
            Optional<S3Objects.Read> read = s3.get(key);
            if (read.isEmpty()) {
                continue; // pruned since the listing
            }
            String text = new String(read.get().bytes(), StandardCharsets.UTF_8);
            int lineNo = 0;
            for (String line : text.split("\n")) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int n = lineNo;
                HistoryRecord r = parse(key + " line " + n, line.getBytes(StandardCharsets.UTF_8),
                        b -> json.readHistoryLine(new String(b, StandardCharsets.UTF_8)));
                if (!r.at().isBefore(from) && r.at().isBefore(to)) {
                    out.add(r);
                }
            }
        }
        out.sort(Comparator.comparing(HistoryRecord::at));
        return out;
    }

    @Override
    public void pruneHistory(Instant before) {
        writing();
        String keepFrom = MONTH.format(before);
        String dir = prefix + "history/";
        for (String key : s3.list(dir)) {
            String rest = key.substring(dir.length());
            // Whole months go, as in the file store: a month is the unit of rotation.
            if (rest.length() > 8 && rest.charAt(7) == '/' && rest.substring(0, 7).compareTo(keepFrom) < 0) {
                s3.delete(key, null);
            }
        }
    }

    // ----- helpers ----------------------------------------------------------------------------------

    private interface Decoder<T> {
        T read(byte[] bytes) throws IOException;
    }

    private interface Encoder<T> {
        byte[] write(T value) throws IOException;
    }

    /**
     * One object that runs change as a whole: read, changed, written back only if no one wrote it in
     * between. While this store holds the lease it keeps the object as it last read or wrote it, so a
     * run reads the deliveries once; without the lease every read goes to S3.
     */
    private final class Doc<T> {
        private final String key;
        private final T empty;
        private final Decoder<T> decoder;
        private final Encoder<T> encoder;
        private @Nullable T value;
        private @Nullable String etag;
        private boolean cached;

        Doc(String key, T empty, Decoder<T> decoder, Encoder<T> encoder) {
            this.key = key;
            this.empty = empty;
            this.decoder = decoder;
            this.encoder = encoder;
        }

        synchronized T read() {
            if (cached && lease != null) {
                return value;
            }
            fetch();
            return value;
        }

        private void fetch() {
            Optional<S3Objects.Read> read = s3.get(key);
            value = read.map(r -> parse(key, r.bytes(), decoder)).orElse(empty);
            etag = read.map(S3Objects.Read::etag).orElse(null);
            cached = lease != null;
        }

        synchronized void forget() {
            cached = false;
            value = null;
            etag = null;
        }

        synchronized void update(String what, UnaryOperator<T> change) {
            for (int attempt = 1; ; attempt++) {
                if (!cached || lease == null) {
                    fetch();
                }
                T next = change.apply(value);
                if (sameAs(next, value)) {
                    return;
                }
                byte[] body;
                try {
                    body = encoder.write(next);
                } catch (IOException e) {
                    throw new SnapshotStoreException("cannot encode " + s3.where(key) + ": " + e.getMessage(), e);
                }
                try {
                    etag = s3.put(key, body, etag);
                    value = next;
                    cached = lease != null;
                    return;
                } catch (S3Objects.Conflict e) {
                    // Someone wrote it in between: read theirs and apply this change to it, once.
                    cached = false;
                    if (attempt == 2) {
                        throw new SnapshotStoreException("cannot " + what + ": another mfa-watch run kept writing " + s3.where(key)
                                + " at the same time (HTTP " + e.status + " twice to a conditional write)", null);
                    }
                }
            }
        }

        private boolean sameAs(T a, @Nullable T b) {
            return a instanceof byte[] x && b instanceof byte[] y ? java.util.Arrays.equals(x, y) : a.equals(b);
        }
    }

    private <T> T parse(String where, byte[] bytes, Decoder<T> decoder) {
        try {
            return decoder.read(bytes);
        } catch (StoreJson.NewerSchemaException e) {
            throw new SnapshotStoreException(s3.where(where) + " was written by a newer mfa-watch (store format " + e.version()
                    + "): upgrade mfa-watch; the object is left as it is", e);
        } catch (IOException | RuntimeException e) {
            throw new SnapshotStoreException(s3.where(where) + " cannot be read (" + dev.mfawatch.spi.BoundedHttp.firstLine(String.valueOf(e.getMessage()))
                    + "); it was left untouched: restore it from a bucket version, or delete it to start that state afresh", e);
        }
    }

    @Override
    public synchronized void close() {
        giveBack();
        s3.close();
    }

    @Override
    public String toString() {
        return "S3SnapshotStore[s3://" + s3.bucket() + "/" + prefix + "]";
    }

    /** @return the S3 requests this store made, for the counted measure */
    long requests() {
        return s3.requests();
    }
}
