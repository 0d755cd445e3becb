package dev.mfawatch.spi.contract;

import dev.mfawatch.model.NotifierException;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.NotifierProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;

/**
 * {@code type=scripted}, a test notifier found through {@code META-INF/services} of the test-jar.
 * Key: {@code refuse} (true: every delivery is refused, as by a receiver that has gone for good).
 */
public final class ScriptedNotifierProvider implements NotifierProvider {

    /** Creates the provider; does no work. */
    public ScriptedNotifierProvider() {
    }

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Notifier create(Settings settings) {
        boolean refuse = settings.getBoolean("refuse", false);
        return changes -> {
            if (refuse) {
                throw new NotifierException("the receiver refused the message: 410 gone", null);
            }
        };
    }
}
