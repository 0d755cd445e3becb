/**
 * The {@code slack} notifier: a run's changes as Block Kit messages to an incoming webhook.
 *
 * @provides dev.mfawatch.spi.NotifierProvider
 */
module dev.mfawatch.notifier.slack {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static org.jspecify;

    provides dev.mfawatch.spi.NotifierProvider with dev.mfawatch.notifier.slack.SlackNotifierProvider;
}
