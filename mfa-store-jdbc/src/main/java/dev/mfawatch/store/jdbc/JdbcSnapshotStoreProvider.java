package dev.mfawatch.store.jdbc;

import dev.mfawatch.spi.Secret;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.SnapshotStoreProvider;
import dev.mfawatch.spi.SpiVersion;
import java.time.Duration;

/**
 * {@code mfawatch.store.type=jdbc}: the store in PostgreSQL, for runners without a lasting disk.
 * Keys (under {@code mfawatch.store.jdbc.}): {@code url} ({@code jdbc:postgresql://host:5432/db},
 * required), {@code user}, {@code password} (secret; a password inside {@code url} is masked too),
 * {@code schema} (default {@code mfawatch}), {@code timeout} (connect and statement timeout, default 30s).
 */
public final class JdbcSnapshotStoreProvider implements SnapshotStoreProvider {

    /** Creates the provider; does no work. */
    public JdbcSnapshotStoreProvider() {
    }

    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public SnapshotStore create(Settings settings) {
        Secret url = settings.getSecret("url");
        if (!url.reveal().isEmpty() && !url.reveal().startsWith("jdbc:postgresql://")) {
            settings.reject("url", "is not a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/database)");
        }
        String schema = settings.getString("schema", "mfawatch");
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            settings.reject("schema", "is not a plain lower-case PostgreSQL identifier (letters, digits, _)");
        }
        String user = settings.findString("user").orElse(null);
        Secret password = settings.findSecret("password").orElse(null);
        Duration timeout = settings.getDuration("timeout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10));
        return new JdbcSnapshotStore(new Database(url.reveal(), user, password, schema, timeout));
    }
}
