package dev.mfawatch.monitor.github;

import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Severity;

/** What the GitHub monitor checks, for people. */
final class GitHubRules {

    static final FindingRule TWO_FACTOR = new FindingRule("github-2fa",
            "GitHub organisation members and outside collaborators without two-factor authentication",
            "An account with a password alone can push code and read private repositories once its password leaks. "
                    + "SMS is weaker than an authenticator app or a security key.",
            "identity", Severity.HIGH,
            "Ask the user to enable 2FA with an authenticator app or a security key, and require 2FA for the "
                    + "organisation so accounts without it are removed.",
            "https://docs.github.com/en/organizations/keeping-your-organization-secure/managing-two-factor-authentication-for-your-organization/requiring-two-factor-authentication-in-your-organization");

    private GitHubRules() {
    }
}
