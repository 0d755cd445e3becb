package dev.mfawatch.store.file;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots as {@code snapshot-<monitor>.json} and pending deliveries as {@code pending.json} in one
 * directory, which the store holds locked ({@code .lock}) from creation to {@link #close()}.
 *
 * <p>A file that cannot be read (corrupt, truncated, written by a newer version) is reported with its
 * path and is never overwritten or deleted by this store.
 */
final class FileSnapshotStore implements SnapshotStore {

    static final String PENDING = "pending.json";
    static final String LOCK = ".lock";

    private final Path dir;
    private final JsonCodec codec = new JsonCodec();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Set<Path> unreadable = new HashSet<>();
    private @Nullable List<PendingDelivery> pendingCache;
    private boolean closed;

    private FileSnapshotStore(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (and creates) the directory and takes its lock.
     *
     * @param dir the directory
     * @return the open store
     * @throws SnapshotStoreException if the directory cannot be created or another run holds it
     */
    static FileSnapshotStore open(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            AtomicFiles.createOwnerOnlyDirectory(absolute);
            channel = FileChannel.open(absolute.resolve(LOCK), EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    AtomicFiles.ownerOnlyFile());
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new SnapshotStoreException("another mfa-watch run is using the store directory " + absolute
                        + " (it holds " + LOCK + "); wait for it to finish, or give this run its own "
                        + "mfawatch.store.file.directory", null);
            }
            FileSnapshotStore store = new FileSnapshotStore(absolute, channel, lock);
            store.removeStaleTemporaryFiles();
            return store;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SnapshotStoreException("cannot open the store directory " + absolute + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public synchronized Optional<Snapshot> load(String monitor) {
        Path file = snapshotFile(monitor);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Snapshot s = codec.readSnapshot(in);
            if (!s.monitor().equals(monitor)) {
                throw new java.io.IOException("it holds the snapshot of monitor '" + s.monitor() + "'");
            }
            unreadable.remove(file);
            return Optional.of(s);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e, "to start monitor " + monitor + " afresh (its next scan is then a baseline)");
        }
    }

    @Override
    public synchronized void save(Snapshot snapshot) {
        checkOpen();
        Path file = snapshotFile(snapshot.monitor());
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
    public synchronized List<PendingDelivery> pending() {
        if (pendingCache != null) {
            return pendingCache;
        }
        Path file = dir.resolve(PENDING);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            pendingCache = List.copyOf(codec.readPending(in));
        } catch (NoSuchFileException e) {
            pendingCache = List.of();
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e, "once its deliveries are no longer wanted");
        }
        return pendingCache;
    }

    @Override
    public synchronized void park(List<PendingDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        Map<String, PendingDelivery> byKey = new LinkedHashMap<>();
        pending().forEach(d -> byKey.put(d.key(), d));
        deliveries.forEach(d -> byKey.put(d.key(), d));
        writePending(new ArrayList<>(byKey.values()));
    }

    @Override
    public synchronized void acknowledge(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Set<String> gone = new HashSet<>(keys);
        List<PendingDelivery> current = pending();
        List<PendingDelivery> kept = current.stream().filter(d -> !gone.contains(d.key())).toList();
        if (kept.size() != current.size()) {
            writePending(kept);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException e) {
            // The lock goes with the channel below anyway.
        }
        closeQuietly(lockChannel);
    }

    @Override
    public String toString() {
        return "FileSnapshotStore[" + dir + "]";
    }

    Path directory() {
        return dir;
    }

    private void writePending(List<PendingDelivery> all) {
        checkOpen();
        Path file = dir.resolve(PENDING);
        try {
            AtomicFiles.replace(file, out -> codec.writePending(all, out));
            pendingCache = List.copyOf(all);
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot write " + file + " (the previous pending deliveries are intact): " + e, e);
        }
    }

    private Path snapshotFile(String monitor) {
        // Monitor names are checked to [a-z0-9_-], so they cannot climb out of the directory.
        Snapshot.checkMonitorName(monitor);
        return dir.resolve("snapshot-" + monitor + ".json");
    }

    private SnapshotStoreException unreadable(Path file, Exception e, String when) {
        unreadable.add(file);
        String why = e instanceof JsonCodec.NewerSchemaException n
                ? "it was written by a newer mfa-watch (schema version " + n.version + "; this one reads up to "
                        + JsonCodec.SCHEMA_VERSION + "): upgrade mfa-watch"
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
