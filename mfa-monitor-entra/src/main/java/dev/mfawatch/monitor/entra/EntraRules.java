package dev.mfawatch.monitor.entra;

import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Severity;

/** What the Entra ID monitor checks, for people. */
final class EntraRules {

    static final FindingRule MFA = new FindingRule("entra-mfa",
            "Entra ID users without MFA registered, or with phone methods only, and policies that stop requiring MFA",
            "A Microsoft 365 account with a password alone opens mail, files and every app behind Entra ID once the password "
                    + "leaks; SMS and voice calls fall to SIM swaps and phishing relays.",
            "identity", Severity.HIGH,
            "Have the user register Microsoft Authenticator, a passkey or a FIDO2 key; require MFA with a Conditional Access "
                    + "policy for all users (or security defaults where there is no Entra ID P1).",
            "https://learn.microsoft.com/entra/identity/authentication/concept-mfa-howitworks");

    private EntraRules() {
    }
}
