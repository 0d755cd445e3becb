package dev.mfawatch.monitor.gitlab;

import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Severity;

/** What the GitLab monitor checks, for people. */
final class GitLabRules {

    static final FindingRule TWO_FACTOR = new FindingRule("gitlab-2fa",
            "GitLab users and group members without two-factor authentication",
            "A GitLab account with a password alone can push code, read private projects and run pipelines with their "
                    + "secrets once the password leaks.",
            "identity", Severity.HIGH,
            "Ask the user to enable 2FA with an authenticator app or a WebAuthn device, and require 2FA for the group (or the "
                    + "instance) so accounts without it are asked to set it up.",
            "https://docs.gitlab.com/security/two_factor_authentication/");

    private GitLabRules() {
    }
}
