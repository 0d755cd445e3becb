/**
 * The {@code webhook} notifier: a run's changes as one signed JSON document, for Teams, PagerDuty or
 * SIEM bridges.
 *
 * @provides dev.mfawatch.spi.NotifierProvider
 */
module dev.mfawatch.notifier.webhook {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.databind;
    requires static org.jspecify;

    provides dev.mfawatch.spi.NotifierProvider with dev.mfawatch.notifier.webhook.WebhookNotifierProvider;
}
