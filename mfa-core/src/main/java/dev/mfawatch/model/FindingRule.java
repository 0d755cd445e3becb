package dev.mfawatch.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a monitor checks, described as the rule of a detection system: it names the finding, says
 * why it matters and how to fix it. The command line prints it, JSON carries it, and notifiers
 * quote its remediation next to each change the monitor raises.
 *
 * @param id          a stable id, e.g. {@code github-2fa}
 * @param title       one line, e.g. "GitHub organisation members without two-factor authentication"
 * @param description why it matters, a few sentences
 * @param category    e.g. {@code identity}
 * @param severity    the severity of the finding when an account has no MFA
 * @param remediation what to do, one or two sentences
 * @param link        where the fix is explained (https), or the empty string
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FindingRule(String id, String title, String description, String category, Severity severity,
                          String remediation, String link) {

    /** Checks the values. */
    public FindingRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(link, "link");
        if (!link.isEmpty() && !link.startsWith("https://")) {
            throw new IllegalArgumentException("rule " + id + ": the link must be an https URL");
        }
    }

    /** What {@code Monitor.rule()} returns for a monitor that does not describe itself. */
    public static final FindingRule GENERIC = generic("");

    /**
     * The rule of a monitor that does not describe itself.
     *
     * @param type the monitor's type
     * @return a generic rule
     */
    public static FindingRule generic(String type) {
        return new FindingRule(type.isEmpty() ? "mfa" : type + "-mfa", "Accounts without MFA" + (type.isEmpty() ? "" : " (" + type + ")"),
                "Accounts that can sign in with a password alone are the first target of phishing and password reuse.",
                "identity", Severity.HIGH, "Enable multi-factor authentication for each account listed.", "");
    }
}
