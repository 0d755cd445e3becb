package dev.mfawatch.store.jdbc;

import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.Secret;
import dev.mfawatch.spi.SettingValues;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Where the store's tables are and how to reach them: the JDBC URL (its password, if any, never
 * shown), the user and password, the schema. Every connection has a connect and a socket timeout, so
 * no store call waits for ever on a server that went away.
 *
 * @param url      a {@code jdbc:postgresql://} URL
 * @param user     the user, or {@code null} for the URL's
 * @param password the password, or {@code null}
 * @param schema   the schema of the tables (a plain identifier)
 * @param timeout  the connect timeout, and the socket timeout of every statement
 */
record Database(String url, @Nullable String user, @Nullable Secret password, String schema, Duration timeout) {

    Connection connect() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password.reveal());
        }
        long seconds = Math.max(1, timeout.toSeconds());
        p.setProperty("connectTimeout", String.valueOf(seconds));
        p.setProperty("loginTimeout", String.valueOf(seconds));
        p.setProperty("socketTimeout", String.valueOf(seconds));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "mfa-watch");
        try {
            return DriverManager.getConnection(url, p);
        } catch (SQLException e) {
            throw failed("cannot connect to PostgreSQL", e);
        }
    }

    /** The advisory lock of this schema's store: one writer per schema, whatever else the server runs. */
    long lockKey() {
        // A fixed prefix keeps it apart from other applications' locks on the same server.
        return ((long) "mfa-watch".hashCode() << 32) | (schema.hashCode() & 0xffffffffL);
    }

    /** A store error that names what failed and PostgreSQL's SQLSTATE, never the password. */
    SnapshotStoreException failed(String what, Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : SettingValues.scrubCredentials(e.getMessage());
        if (password != null && !password.reveal().isEmpty()) {
            detail = detail.replace(password.reveal(), "****");
        }
        String state = e instanceof SQLException s && s.getSQLState() != null ? " [SQLSTATE " + s.getSQLState() + "]" : "";
        String hint = "";
        if (e instanceof SQLException s && s.getSQLState() != null) {
            hint = switch (s.getSQLState()) {
                case "28P01", "28000" -> ": PostgreSQL refused the user or password (mfawatch.store.jdbc.user, .password)";
                case "3D000" -> ": the database in mfawatch.store.jdbc.url does not exist";
                case "42501" -> ": the user may not create or use schema " + schema + " (GRANT CREATE, USAGE on it, or create it first)";
                default -> s.getSQLState().startsWith("08") ? ": the server at " + shown() + " cannot be reached" : "";
            };
        }
        return new SnapshotStoreException(what + state + hint + " (" + dev.mfawatch.spi.BoundedHttp.firstLine(detail) + ")", e);
    }

    /** The URL as it may be shown: without credentials. */
    String shown() {
        return SettingValues.scrubCredentials(url).replaceAll("(?i)([?&]password=)[^&]*", "$1****");
    }

    @Override
    public String toString() {
        return "Database[" + shown() + ", schema=" + schema + "]";
    }
}
