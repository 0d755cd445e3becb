package dev.mfawatch.monitor.google;

import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Severity;

/** What the Google Workspace monitor checks, for people. */
final class GoogleRules {

    static final FindingRule TWO_STEP = new FindingRule("google-workspace-2sv",
            "Google Workspace users without 2-Step Verification",
            "A Workspace account with a password alone opens Gmail, Drive and every app that signs in with Google once the "
                    + "password leaks.",
            "identity", Severity.HIGH,
            "Have the user enrol in 2-Step Verification (a passkey, a security key or Google prompts), and enforce 2-Step "
                    + "Verification for the organisational unit in the Admin console.",
            "https://support.google.com/a/answer/9176657");

    private GoogleRules() {
    }
}
