package dev.mfawatch.monitor.okta;

import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Severity;

/** What the Okta monitor checks, for people. */
final class OktaRules {

    static final FindingRule FACTORS = new FindingRule("okta-mfa",
            "Okta users without an active second factor, or with phishable factors only",
            "Okta signs people in to everything behind it: a user with a password alone, or with SMS, voice call, "
                    + "e-mail or a security question only, is one phishing page away from every connected application.",
            "identity", Severity.HIGH,
            "Have the user enrol Okta Verify (push or FastPass), an authenticator app or a security key, then remove the "
                    + "phishable factors; require such authenticators in the org's authentication policies.",
            "https://help.okta.com/oie/en-us/content/topics/identity-engine/authenticators/about-authenticators.htm");

    private OktaRules() {
    }
}
