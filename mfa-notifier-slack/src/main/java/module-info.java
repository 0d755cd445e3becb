/**
 * Notifiers: {@code slack} (incoming webhook, Block Kit) and {@code webhook} (the run's changes as
 * signed JSON, for Teams, PagerDuty or SIEM bridges).
 *
 * @provides dev.mfawatch.spi.NotifierProvider
 */
module dev.mfawatch.notifier.slack {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;
    requires static org.jspecify;

    provides dev.mfawatch.spi.NotifierProvider with
            dev.mfawatch.notifier.slack.SlackNotifierProvider,
            dev.mfawatch.notifier.slack.WebhookNotifierProvider;
}
