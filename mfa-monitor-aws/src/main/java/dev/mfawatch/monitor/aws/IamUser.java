package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.MfaState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What mfa-watch needs to know of one IAM identity, however it was read (credential report, per-user
 * calls, a refresh). Both read methods produce these, and {@link #toAccount} is the only mapping to
 * an {@link Account}, which is why both methods give the same snapshot for the same account data.
 *
 * @param arn              the ARN: the stable account id
 * @param userName         the user name, or {@value #ROOT_NAME} for the root account
 * @param root             whether this is the root account
 * @param consolePassword  whether the identity can sign in to the console with a password (always for root)
 * @param mfaActive        whether an MFA device is active
 * @param passwordLastUsed when the password was last used, {@code no_information}, or {@code null}
 *                         when there is no password
 * @param createdAt        when the user was created, or {@code null} where unknown (root)
 * @param observedAt       how fresh this data is: the report's generation time, or when it was read
 */
record IamUser(String arn, String userName, boolean root, boolean consolePassword, boolean mfaActive,
               @Nullable String passwordLastUsed, @Nullable Instant createdAt, Instant observedAt) {

    /** The name IAM gives the root account in the credential report. */
    static final String ROOT_NAME = "<root_account>";

    /** The detail that records how fresh an account's data is. */
    static final String OBSERVED_AT = "observedAt";

    IamUser {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /** What is known of the root account's MFA device. */
    enum RootMfa {
        /** A virtual (authenticator app) device: weak by the CIS benchmark's bar. */
        VIRTUAL,
        /** A hardware TOTP token or a FIDO security key. */
        HARDWARE,
        /** Not known: ListVirtualMFADevices was not allowed. */
        UNKNOWN
    }

    /**
     * The account as mfa-watch sees it.
     *
     * @param rootMfa what kind of MFA device the root account has (ignored for users)
     * @return the account
     */
    Account toAccount(RootMfa rootMfa) {
        Map<String, String> details = new TreeMap<>();
        details.put(OBSERVED_AT, observedAt.toString());
        MfaState state;
        boolean weak = false;
        if (root) {
            state = mfaActive ? MfaState.ENABLED : MfaState.DISABLED;
            if (mfaActive) {
                details.put("mfa", rootMfa.name().toLowerCase(java.util.Locale.ROOT));
                weak = rootMfa == RootMfa.VIRTUAL;
            }
        } else {
            state = !consolePassword ? MfaState.NOT_APPLICABLE : mfaActive ? MfaState.ENABLED : MfaState.DISABLED;
            if (consolePassword && passwordLastUsed != null) {
                details.put("passwordLastUsed", passwordLastUsed);
            }
            if (createdAt != null) {
                details.put("created", createdAt.toString());
            }
        }
        return new Account(AccountId.of(arn), userName, state, weak, root, details);
    }

    /**
     * When an account's data was read, from its details.
     *
     * @param account an account made by {@link #toAccount}
     * @return the time, or {@link Instant#MIN} if it does not say
     */
    static Instant observedAt(Account account) {
        String at = account.details().get(OBSERVED_AT);
        return at == null ? Instant.MIN : Instant.parse(at);
    }

    /**
     * The account id of an ARN such as {@code arn:aws:iam::123456789012:user/alice}.
     *
     * @param arn the ARN
     * @return the 12-digit account id, or {@code null} if the ARN has none
     */
    static @Nullable String accountIdOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length >= 5 && !parts[4].isEmpty() ? parts[4] : null;
    }

    /**
     * The partition of an ARN ({@code aws}, {@code aws-cn}, {@code aws-us-gov}).
     *
     * @param arn the ARN
     * @return the partition, {@code aws} if the ARN does not say
     */
    static String partitionOf(String arn) {
        String[] parts = arn.split(":", 3);
        return parts.length >= 2 && !parts[1].isEmpty() ? parts[1] : "aws";
    }
}
