package dev.mfawatch.monitor.google;

import dev.mfawatch.spi.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of one {@code google-workspace} monitor instance.
 *
 * @param credentialsFile the service account's key file (JSON)
 * @param subject         the administrator the service account acts as (domain-wide delegation)
 * @param customer        the Workspace account, {@code my_customer} for the subject's own
 * @param endpoint        the Admin SDK's origin, {@code https://admin.googleapis.com}
 * @param fullScanEvery   how often every user is listed
 * @param overlap         how far each Reports API read reaches back (Google shows login events late)
 * @param requestTimeout  the time limit of one request
 */
record GoogleSettings(Path credentialsFile, String subject, String customer, URI endpoint, Duration fullScanEvery, Duration overlap,
                      Duration requestTimeout) {

    static final URI ADMIN = URI.create("https://admin.googleapis.com");
    /** Google's docs give login events a lag of up to hours; events re-read inside it are skipped by id, so it is cheap. */
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(6);

    static GoogleSettings read(Settings s) {
        String file = s.getSecret("credentials-file").reveal();
        String subject = s.getString("subject");
        if (!subject.isEmpty() && !subject.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            s.reject("subject", "is not an e-mail address: give the administrator the service account acts as");
        }
        String customer = s.getString("customer", "my_customer");
        if (!customer.matches("my_customer|C[0-9a-z]{6,}")) {
            s.reject("customer", "is neither my_customer nor a customer id (C0…)");
        }
        return new GoogleSettings(Path.of(file.isEmpty() ? "unset" : file), subject, customer,
                s.getOrigin("endpoint", ADMIN, ADMIN.toString()),
                s.getDuration("full-scan-every", Duration.ofHours(24), Duration.ZERO, Duration.ofDays(30)),
                s.getDuration("overlap", DEFAULT_OVERLAP, Duration.ZERO, Duration.ofDays(3)),
                s.getDuration("request-timeout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10)));
    }
}
