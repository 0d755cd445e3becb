package dev.mfawatch.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A successful sign-in that used no second factor, as an event source (CloudTrail) reported it.
 * Each becomes one {@link ChangeKind#SIGN_IN_WITHOUT_MFA} change.
 *
 * @param eventId     the source's unique id of the event, used to never report one event twice
 * @param accountId   who signed in (an ARN), never {@code null}
 * @param accountName the display name of who signed in
 * @param at          when the sign-in happened
 * @param critical    whether the account is critical (the AWS root account): severity CRITICAL
 * @param details     facts for people (source IP, region, identity type), at most
 *                    {@value Account#MAX_DETAILS} entries
 * @since 0.1
 */
public record SignInEvent(String eventId, AccountId accountId, String accountName, Instant at, boolean critical,
                          Map<String, String> details) {

    /**
     * Checks and copies the values.
     *
     * @throws IllegalArgumentException if the event id is blank or the details are too many
     */
    public SignInEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(at, "at");
        if (eventId.isBlank()) {
            throw new IllegalArgumentException("event id must not be blank");
        }
        details = Account.copyDetails(details, "event " + eventId);
    }
}
