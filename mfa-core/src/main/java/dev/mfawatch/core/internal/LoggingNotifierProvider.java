package dev.mfawatch.core.internal;

import dev.mfawatch.model.Severity;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.NotifierProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * {@code type=log}: writes changes to the SLF4J logger {@code dev.mfawatch.alerts}.
 * Keys: {@code min-severity} (INFO, MEDIUM, HIGH or CRITICAL; default INFO).
 */
public final class LoggingNotifierProvider implements NotifierProvider {

    /** The logger the notifier writes to. */
    public static final String LOGGER = "dev.mfawatch.alerts";

    /** Creates the provider; does no work. */
    public LoggingNotifierProvider() {
    }

    @Override
    public String type() {
        return "log";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Notifier create(Settings settings) {
        String[] severities = Arrays.stream(Severity.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        String min = settings.getChoice("min-severity", "info", severities);
        return new LoggingNotifier(LoggerFactory.getLogger(LOGGER), Severity.valueOf(min.toUpperCase(Locale.ROOT)));
    }
}
