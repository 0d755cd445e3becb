package dev.mfawatch.store.file;

import dev.mfawatch.store.file.codec.StoreJson;
import dev.mfawatch.model.Names;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots as {@code snapshot-<monitor>.json} (the default scope, as 0.1 wrote them) and
 * {@code snapshot-<monitor>@<scope>.json}, pending deliveries and dead letters together in
 * {@code pending.json} (so moving one to the other is one atomic write) and the history as
 * {@code history/<yyyy-MM>.jsonl}, all in one directory. A run's writer lease is {@code .lock}, held with
 * an OS file lock from {@link #lease()} until the lease is closed.
 *
 * <p>Every file is replaced by an atomic rename (history lines are appended and forced), so a reader
 * without the lease sees the old or the new file. A file that cannot be read (corrupt, truncated,
 * written by a newer version) is reported with its path and is never overwritten or deleted.
 */
final class FileSnapshotStore implements SnapshotStore {

    static final String PENDING = "pending.json";
    static final String LOCK = ".lock";
    static final String HISTORY = "history";
    /** The longest mark of a held scan, see {@link SnapshotStore#heldRemoval}. */
    static final int MAX_MARK = 128;

    /**
     * The store directories whose lease this JVM holds. A second lease on one of them must be refused
     * before any channel to its {@code .lock} is opened: on Linux, closing any channel to a file drops
     * every lock this process holds on it, so the refusal itself would free the directory for another
     * process. The one JVM-wide state of mfa-watch, because the lock it mirrors is per process.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final StoreJson codec = new StoreJson();
    private final Set<Path> unreadable = new HashSet<>();
    private @Nullable FileChannel lockChannel;
    private @Nullable FileLock lock;
    private StoreJson.@Nullable Deliveries cache;
    private boolean closed;

    private FileSnapshotStore(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens (and creates) the directory. Takes no lock: reading needs none, and a run takes the
     * writer lease with {@link #lease()}.
     *
     * @param dir the directory
     * @return the open store
     * @throws SnapshotStoreException if the directory cannot be created
     */
    static FileSnapshotStore open(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            AtomicFiles.createOwnerOnlyDirectory(absolute);
            AtomicFiles.checkPrivate(absolute);
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot open the store directory " + absolute + ": " + e, e);
        }
        return new FileSnapshotStore(absolute);
    }

    @Override
    public synchronized WriterLease lease() {
        checkOpen();
        if (lock != null || !HELD.add(dir)) {
            throw busy();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK), Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), AtomicFiles.ownerOnlyFile());
            FileLock taken = tryLock(channel);
            if (taken == null) {
                throw busy();
            }
            lockChannel = channel;
            lock = taken;
            cache = null;
            // A crash mid-write leaves temporary files and perhaps a torn history line; only a writer may tidy.
            removeStaleTemporaryFiles();
            return new Lease();
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(dir);
            throw new SnapshotStoreException("cannot take the writer lease " + dir.resolve(LOCK) + ": " + e, e);
        } catch (RuntimeException e) {
            if (lock == null) {
                closeQuietly(channel);
                HELD.remove(dir);
            }
            throw e;
        }
    }

    private SnapshotStoreException busy() {
        return new SnapshotStoreException("another mfa-watch run is writing to the store directory " + dir
                + " (it holds " + LOCK + "); wait for it to finish, or give this run its own mfawatch.store.file.directory", null);
    }

    /** The lease of this store object; closing it twice is harmless. */
    private final class Lease implements WriterLease {
        private boolean open = true;

        @Override
        public void close() {
            synchronized (FileSnapshotStore.this) {
                if (open) {
                    open = false;
                    releaseLease();
                }
            }
        }
    }

    private void releaseLease() {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
        } catch (IOException e) {
            // The lock goes with the channel below anyway.
        }
        closeQuietly(lockChannel);
        lock = null;
        lockChannel = null;
        cache = null;
        HELD.remove(dir);
    }

    private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private void writing() {
        checkOpen();
        if (lock == null) {
            throw new IllegalStateException("writing to " + dir + " needs the store's writer lease: call lease() first");
        }
    }

    @Override
    public synchronized Optional<Snapshot> load(String monitor, String scope) {
        Path file = snapshotFile(monitor, scope);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), 1 << 16)) {
            Snapshot s = codec.readSnapshot(in);
            if (!s.monitor().equals(monitor) || !s.scope().equals(scope)) {
                throw new java.io.IOException("it holds the snapshot of monitor '" + s.monitor() + "', scope '" + s.scope() + "'");
            }
            unreadable.remove(file);
            return Optional.of(s);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            String what = Snapshot.DEFAULT_SCOPE.equals(scope) ? "monitor " + monitor : "monitor " + monitor + ", scope " + scope;
            throw unreadable(file, e, "to start " + what + " afresh (its next scan is then a baseline)");
        }
    }

    @Override
    public synchronized List<String> scopes(String monitor) {
        Snapshot.checkMonitorName(monitor);
        List<String> scopes = new ArrayList<>();
        String prefix = "snapshot-" + monitor;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*.json")) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                String rest = name.substring(prefix.length(), name.length() - ".json".length());
                if (rest.isEmpty()) {
                    scopes.add(Snapshot.DEFAULT_SCOPE);
                } else if (rest.startsWith("@")) {
                    scopes.add(decodeScope(rest.substring(1)));
                }
                // Anything else belongs to another monitor whose name starts like this one.
            }
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot list the snapshots in " + dir + ": " + e, e);
        }
        Collections.sort(scopes);
        return scopes;
    }

    @Override
    public synchronized void save(Snapshot snapshot) {
        writing();
        Path file = snapshotFile(snapshot.monitor(), snapshot.scope());
        if (unreadable.contains(file)) {
            throw new SnapshotStoreException("not overwriting " + file + ", which could not be read; move it aside first", null);
        }
        try {
            AtomicFiles.replace(file, out -> codec.writeSnapshot(snapshot, out));
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot write " + file + " (the previous snapshot is intact): " + e, e);
        }
    }

    @Override
    public synchronized void retire(String monitor, String scope) {
        writing();
        Path file = snapshotFile(monitor, scope);
        try {
            Files.deleteIfExists(heldFile(monitor, scope));
            Files.deleteIfExists(file);
            AtomicFiles.forceDirectory(dir);
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot remove " + file + ": " + e, e);
        }
    }

    /** The pending deliveries and the dead letters, read (and written) together from {@value #PENDING}. */
    private StoreJson.Deliveries deliveries() {
        if (cache != null) {
            return cache;
        }
        Path file = dir.resolve(PENDING);
        StoreJson.Deliveries read;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS))) {
            read = codec.readPending(in);
        } catch (NoSuchFileException e) {
            read = new StoreJson.Deliveries(List.of(), List.of());
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e, "once its deliveries are no longer wanted");
        }
        // Only the lease holder writes, so only it may trust what it read last; a reader reads afresh.
        if (lock != null) {
            cache = read;
        }
        return read;
    }

    @Override
    public synchronized List<PendingDelivery> pending() {
        return deliveries().pending();
    }

    @Override
    public synchronized List<PendingDelivery> deadLetters() {
        return deliveries().dead();
    }

    @Override
    public synchronized void park(List<PendingDelivery> parked) {
        writing();
        if (!parked.isEmpty()) {
            write(deliveries().park(parked));
        }
    }

    @Override
    public synchronized void acknowledge(Collection<String> keys) {
        writing();
        change(deliveries().acknowledge(keys));
    }

    @Override
    public synchronized void bury(Collection<String> keys) {
        writing();
        change(deliveries().bury(keys));
    }

    @Override
    public synchronized void revive(Collection<String> keys, Instant now) {
        writing();
        change(deliveries().revive(keys, now));
    }

    @Override
    public synchronized void dropDeadLetters(Collection<String> keys) {
        writing();
        change(deliveries().dropDead(keys));
    }

    /** Writes the deliveries if the operation changed them: an operation on unknown keys writes nothing. */
    private void change(StoreJson.Deliveries next) {
        if (!next.equals(deliveries())) {
            write(next);
        }
    }

    private void write(StoreJson.Deliveries next) {
        writeDeliveries(next.pending(), next.dead());
    }

    @Override
    public synchronized void appendHistory(List<HistoryRecord> records) {
        writing();
        Map<String, List<HistoryRecord>> byMonth = new TreeMap<>();
        records.forEach(r -> byMonth.computeIfAbsent(MONTH.format(r.at()), m -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<HistoryRecord>> month : byMonth.entrySet()) {
            Path file = dir.resolve(HISTORY).resolve(month.getKey() + ".jsonl");
            try {
                java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
                for (HistoryRecord r : month.getValue()) {
                    codec.writeHistoryLine(r, lines);
                }
                AtomicFiles.append(file, lines.toByteArray());
            } catch (IOException e) {
                throw new SnapshotStoreException("cannot append to " + file + ": " + e, e);
            }
        }
    }

    @Override
    public List<HistoryRecord> history(String monitor, Instant from, Instant to) {
        return history(java.util.Set.of(monitor), from, to);
    }

    /** Every month file in the range is read once, whatever the number of monitors asked for. */
    @Override
    public synchronized List<HistoryRecord> history(Collection<String> monitors, Instant from, Instant to) {
        Set<String> wanted = Set.copyOf(monitors);
        List<HistoryRecord> out = new ArrayList<>();
        for (Path file : historyFiles()) {
            String month = file.getFileName().toString().replace(".jsonl", "");
            if (month.compareTo(MONTH.format(from)) < 0 || month.compareTo(MONTH.format(to)) > 0) {
                continue;
            }
            for (HistoryRecord r : readHistory(file)) {
                if (wanted.contains(r.monitor()) && !r.at().isBefore(from) && r.at().isBefore(to)) {
                    out.add(r);
                }
            }
        }
        out.sort(Comparator.comparing(HistoryRecord::at));
        return out;
    }

    @Override
    public synchronized void pruneHistory(Instant before) {
        writing();
        String keepFrom = MONTH.format(before);
        for (Path file : historyFiles()) {
            // Whole months go, once every day of them is past: a month file is the unit of rotation.
            if (file.getFileName().toString().replace(".jsonl", "").compareTo(keepFrom) < 0) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new SnapshotStoreException("cannot remove the expired history " + file + ": " + e, e);
                }
            }
        }
    }

    private List<Path> historyFiles() {
        Path history = dir.resolve(HISTORY);
        if (!Files.isDirectory(history)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(history, "[0-9][0-9][0-9][0-9]-[0-9][0-9].jsonl")) {
            all.forEach(files::add);
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot list the history in " + history + ": " + e, e);
        }
        Collections.sort(files);
        return files;
    }

    private List<HistoryRecord> readHistory(Path file) {
        List<HistoryRecord> records = new ArrayList<>();
        int lineNumber = 0;
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            String pendingLine = null;
            while ((line = in.readLine()) != null) {
                if (pendingLine != null) {
                    records.add(codec.readHistoryLine(pendingLine));
                }
                lineNumber++;
                pendingLine = line;
            }
            if (pendingLine != null && !pendingLine.isBlank()) {
                if (endsWithNewline(file)) {
                    records.add(codec.readHistoryLine(pendingLine));
                }
                // Without its newline the last line is an append a crash cut short; the next writer trims it.
            }
            return records;
        } catch (IOException | RuntimeException e) {
            throw new SnapshotStoreException(file + " cannot be read at line " + (lineNumber == 0 ? 1 : lineNumber)
                    + ": " + describe(e) + ". It was left untouched; move it aside to drop that month's history", e);
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (ch.size() == 0) {
                return true;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) == '\n';
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        releaseLease();
    }

    @Override
    public String toString() {
        return "FileSnapshotStore[" + dir + "]";
    }

    Path directory() {
        return dir;
    }

    private void writeDeliveries(List<PendingDelivery> pending, List<PendingDelivery> dead) {
        writing();
        Path file = dir.resolve(PENDING);
        StoreJson.Deliveries all = new StoreJson.Deliveries(pending, dead);
        try {
            AtomicFiles.replace(file, out -> codec.writePending(all, out));
            cache = all;
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot write " + file + " (the previous pending deliveries are intact): " + e, e);
        }
    }

    @Override
    public synchronized Optional<String> heldRemoval(String monitor, String scope) {
        Path file = heldFile(monitor, scope);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            // A mark is short: anything longer is not one of ours, and reading it whole is not needed.
            String mark = new String(in.readNBytes(MAX_MARK + 1), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (mark.isEmpty() || mark.length() > MAX_MARK) {
                throw new SnapshotStoreException(file + " is not a held-scan mark (empty, or longer than " + MAX_MARK
                        + " characters): delete it to clear the hold", null);
            }
            return Optional.of(mark);
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot read " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized void holdRemoval(String monitor, String scope, @Nullable String mark) {
        writing();
        Path file = heldFile(monitor, scope);
        try {
            if (mark == null) {
                Files.deleteIfExists(file);
                return;
            }
            if (mark.isBlank() || mark.length() > MAX_MARK) {
                throw new IllegalArgumentException("a held-scan mark has 1 to " + MAX_MARK + " characters");
            }
            AtomicFiles.replace(file, out -> out.write(mark.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot write " + file + ": " + e, e);
        }
    }

    private Path heldFile(String monitor, String scope) {
        // Named after the snapshot file, with another prefix: scopes() lists snapshot-* only.
        return dir.resolve("held-" + snapshotFile(monitor, scope).getFileName().toString().substring("snapshot-".length()));
    }

    private Path snapshotFile(String monitor, String scope) {
        // Monitor names are checked to [a-z0-9_-] and scopes encoded to [A-Za-z0-9._%-]: no path can climb out.
        Snapshot.checkMonitorName(monitor);
        Names.checkScope(scope);
        String name = Snapshot.DEFAULT_SCOPE.equals(scope) ? "snapshot-" + monitor + ".json"
                : "snapshot-" + monitor + "@" + encodeScope(scope) + ".json";
        return dir.resolve(name);
    }

    /** Scope ids as file-name parts: letters, digits, {@code .}, {@code _} and {@code -} stay; the rest is %XX. */
    static String encodeScope(String scope) {
        StringBuilder out = new StringBuilder();
        for (char c : scope.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    static String decodeScope(String encoded) {
        return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private SnapshotStoreException unreadable(Path file, Exception e, String when) {
        unreadable.add(file);
        String why = e instanceof StoreJson.NewerSchemaException n
                ? "it was written by a newer mfa-watch (schema version " + n.version() + "; this one reads up to "
                        + StoreJson.SCHEMA_VERSION + "): upgrade mfa-watch"
                : "it is corrupt or truncated (" + describe(e) + ")";
        return new SnapshotStoreException(file + " cannot be read: " + why + ". It was left untouched; move it aside "
                + when, e);
    }

    private static String describe(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            // Jackson's own message spans lines and quotes the source; one line with the position is enough.
            return j.getOriginalMessage().lines().findFirst().orElse("") + " at line " + j.getLocation().getLineNr()
                    + ", column " + j.getLocation().getColumnNr();
        }
        return String.valueOf(e.getMessage());
    }

    private void removeStaleTemporaryFiles() throws IOException {
        // A crash mid-write leaves a temporary file; we hold the lock, so no other writer owns it.
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        }
        for (Path history : historyFiles()) {
            AtomicFiles.trimTornLastLine(history);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new SnapshotStoreException("the store on " + dir + " is closed", null);
        }
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing to do: closing only releases the lock.
            }
        }
    }
}
