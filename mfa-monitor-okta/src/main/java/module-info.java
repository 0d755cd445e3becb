/**
 * The Okta monitor ({@code type=okta}): every user of an Okta org with their active factors, weak
 * or strong, administrators marked critical, and a System Log refresh between full scans.
 *
 * @provides dev.mfawatch.spi.MonitorProvider
 */
module dev.mfawatch.monitor.okta {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;
    requires oauth2.oidc.sdk;
    requires com.nimbusds.jose.jwt;
    requires static org.jspecify;

    provides dev.mfawatch.spi.MonitorProvider with dev.mfawatch.monitor.okta.OktaMonitorProvider;
}
