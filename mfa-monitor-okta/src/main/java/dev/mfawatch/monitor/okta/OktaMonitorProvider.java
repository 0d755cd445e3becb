package dev.mfawatch.monitor.okta;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import java.time.Duration;

/**
 * {@code type=okta}: every user of an Okta org with their active factors; administrators critical.
 * Keys: {@code endpoint} (the org URL, required); {@code token} (an API token, secret) or
 * {@code client-id} with {@code private-key} (the path of a service app's private key, PEM or JWK,
 * secret) and optionally {@code key-id}; {@code full-scan-every} (default 24h), {@code overlap}
 * (default 15m), {@code rate-limit-reserve} (default 10%), {@code request-timeout} (default 30s),
 * {@code timeout} (default {@value #DEFAULT_TIMEOUT_MINUTES} minutes).
 */
public final class OktaMonitorProvider implements MonitorProvider {

    /**
     * A full scan of 5,000 users is about 5,030 requests; at the 600 a minute of Okta's usual
     * per-endpoint limit, less the reserve, that is about 10 minutes: twice that is the default.
     */
    static final int DEFAULT_TIMEOUT_MINUTES = 20;

    /** Creates the provider; does no work. */
    public OktaMonitorProvider() {
    }

    @Override
    public String type() {
        return "okta";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Duration defaultTimeout() {
        return Duration.ofMinutes(DEFAULT_TIMEOUT_MINUTES);
    }

    @Override
    public Monitor create(Settings settings) {
        OktaSettings okta = OktaSettings.read(settings);
        ServiceAppKey key = null;
        if (okta.privateKey() != null) {
            try {
                key = ServiceAppKey.load(okta.privateKey(), okta.keyId());
            } catch (ServiceAppKey.Unusable e) {
                settings.reject("private-key", e.getMessage());
            }
        }
        if (okta.serviceApp() && key == null) {
            // Every problem is reported at start-up; this monitor would never run.
            return new OktaMonitor(okta, new OktaClient(okta, null));
        }
        return new OktaMonitor(okta, new OktaClient(okta, key));
    }
}
