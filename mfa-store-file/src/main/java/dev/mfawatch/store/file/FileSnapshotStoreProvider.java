package dev.mfawatch.store.file;

import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.SnapshotStoreProvider;
import dev.mfawatch.spi.SpiVersion;
import java.nio.file.Path;

/**
 * {@code mfawatch.store.type=file}, the default store. Keys (under {@code mfawatch.store.file.}):
 * {@code directory}, where the files live (default {@code .mfa-watch}, created owner-only).
 */
public final class FileSnapshotStoreProvider implements SnapshotStoreProvider {

    /** The directory used when {@code mfawatch.store.file.directory} is not set. */
    public static final String DEFAULT_DIRECTORY = ".mfa-watch";

    /** Creates the provider; does no work. */
    public FileSnapshotStoreProvider() {
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public SnapshotStore create(Settings settings) {
        return FileSnapshotStore.open(settings.getPath("directory", Path.of(DEFAULT_DIRECTORY)));
    }
}
