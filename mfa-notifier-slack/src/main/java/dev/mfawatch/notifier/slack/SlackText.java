package dev.mfawatch.notifier.slack;

import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.Severity;
import dev.mfawatch.spi.PlainText;

/**
 * The words of a Slack message: escaping, and for each change what happened and how to fix it.
 * Everything that comes from a service is escaped ({@code &}, {@code <}, {@code >}: the three
 * characters Slack's formatting gives meaning to), so a name like {@code <!channel>} pings nobody.
 */
final class SlackText {

    static final int LONGEST_NAME = 300;

    private SlackText() {
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * External text, on one line, escaped, then bounded to {@value #LONGEST_NAME} characters: cutting
     * after escaping is what keeps the bound ({@code &} becomes five characters), and the cut never
     * falls inside an entity such as {@code &amp;}.
     */
    static String outside(String s) {
        return bounded(escape(PlainText.printable(s)), LONGEST_NAME);
    }

    /** Text cut to at most {@code max} characters (an ellipsis included), never inside an entity or a surrogate pair. */
    static String bounded(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp >= 0 && text.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }

    static String emoji(Severity s) {
        return switch (s) {
            case CRITICAL -> ":rotating_light:";
            case HIGH -> ":red_circle:";
            case MEDIUM -> ":large_orange_circle:";
            case INFO -> ":white_check_mark:";
        };
    }

    /** One line: severity, who, what changed, the fix, and the change's short reference. */
    static String line(Change c) {
        StringBuilder sb = new StringBuilder();
        sb.append(emoji(c.severity())).append(" *").append(c.severity()).append("* ")
                .append('*').append(outside(c.subjectName())).append("* ");
        if (c.kind().subject() == ChangeKind.Subject.ACCOUNT && !c.subjectName().equals(c.subjectId().value())) {
            sb.append("(`").append(outside(c.subjectId().value()).replace("`", "'")).append("`) ");
        }
        sb.append("— ").append(what(c));
        String fix = fix(c);
        if (!fix.isEmpty()) {
            sb.append(" ").append(fix);
        }
        if (c.delayed()) {
            sb.append(" _(delayed: seen ").append(c.at()).append(")_");
        }
        sb.append(" · ref `").append(c.id(), 0, 8).append('`');
        return sb.toString();
    }

    static String what(Change c) {
        return switch (c.kind()) {
            case ADDED_WITHOUT_MFA -> "new account that can sign in without MFA.";
            case ADDED -> "new account.";
            case MFA_DISABLED -> "MFA turned off: the account can sign in with a password alone.";
            case MFA_ENABLED -> "MFA turned on.";
            case MFA_NOT_REQUIRED -> "no longer signs in with a password, so MFA is not needed.";
            case REMOVED -> "account removed.";
            case MFA_WEAKENED -> "MFA weakened (SMS, or a virtual device where hardware is expected).";
            case MFA_STRENGTHENED -> "MFA strengthened.";
            case ADDED_WITH_WEAK_MFA -> "account with weak MFA (SMS, or a virtual device where hardware is expected).";
            case STILL_WITHOUT_MFA -> c.details().containsKey("exemptionExpired")
                    ? "still without MFA, and its exemption expired on " + outside(c.details().get("exemptionExpired"))
                    + " (" + outside(c.details().getOrDefault("exemptionReason", "")) + ")."
                    : "still without MFA (reminder).";
            case SIGN_IN_WITHOUT_MFA -> "signed in without MFA"
                    + (c.details().containsKey("sourceIp") ? " from " + outside(c.details().get("sourceIp")) : "")
                    + (c.details().containsKey("region") ? " (" + outside(c.details().get("region")) + ")" : "")
                    + " at " + c.at() + ".";
            case SETTING_DISABLED -> "turned off.";
            case SETTING_ENABLED -> "turned back on.";
        };
    }

    /**
     * The remediation of the rule the change breaks, with its link; empty when it breaks none. A change
     * parked by 0.1 carries it in its details instead.
     */
    static String remedy(Change c) {
        String remediation = c.rule() != null ? c.rule().remediation() : c.details().getOrDefault("remediation", "");
        if (remediation.isEmpty()) {
            return "";
        }
        String text = "How to fix: " + outside(remediation);
        String link = c.rule() != null ? c.rule().link() : c.details().getOrDefault("remediationLink", "");
        return link.startsWith("https://") && !link.contains("|") && !link.contains(">")
                ? text + " (<" + link + "|details>)" : text;
    }

    static String fix(Change c) {
        boolean github = c.subjectId().value().startsWith("github:");
        boolean aws = c.subjectId().value().startsWith("arn:");
        return switch (c.kind()) {
            case ADDED_WITHOUT_MFA, MFA_DISABLED, STILL_WITHOUT_MFA -> "Fix: enable MFA"
                    + (github ? " (<https://docs.github.com/en/authentication/securing-your-account-with-two-factor-authentication-2fa/configuring-two-factor-authentication|how>)"
                    : aws ? " (<https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html|how>)" : "")
                    + ".";
            case MFA_WEAKENED, ADDED_WITH_WEAK_MFA -> "Fix: use an authenticator app, a security key or a hardware token.";
            case SIGN_IN_WITHOUT_MFA -> "Fix: confirm it was them, then require MFA for this identity.";
            case SETTING_DISABLED -> "Fix: require two-factor authentication again"
                    + (c.details().getOrDefault("setting", "").equals("two-factor-requirement")
                    ? " (<https://docs.github.com/en/organizations/keeping-your-organization-secure/managing-two-factor-authentication-for-your-organization/requiring-two-factor-authentication-in-your-organization|how>)" : "")
                    + ".";
            default -> "";
        };
    }
}
