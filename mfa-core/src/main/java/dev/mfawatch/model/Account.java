package dev.mfawatch.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One account as a monitor saw it: who it is, and whether it can be used without a second factor.
 *
 * <p>Only {@link #id()}, {@link #state()} and {@link #weak()} take part in change detection; the
 * name and details are carried along for people, so a rename or a new detail raises no alert.
 *
 * @param id       the stable identity, never {@code null}
 * @param name     the display name (login, user name), never {@code null}
 * @param state    the MFA state, never {@code null}
 * @param weak     whether the MFA is of a weak kind (SMS on GitHub, a virtual device on an AWS root
 *                 account); only an {@link MfaState#ENABLED} account can be weak
 * @param critical whether the account controls everything else (the AWS root account); its alerts
 *                 are one severity higher
 * @param details  a small map of facts for people (role, MFA kind, password last used), at most
 *                 {@value #MAX_DETAILS} entries; copied and ordered by key
 * @since 0.1
 */
public record Account(AccountId id, String name, MfaState state, boolean weak, boolean critical,
                      Map<String, String> details) {

    /** The most details one account may carry. */
    public static final int MAX_DETAILS = 32;

    /**
     * Checks and copies the values.
     *
     * @throws IllegalArgumentException if a weak account is not {@link MfaState#ENABLED}, or the details
     *                                  are too many or have a blank key
     */
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        if (weak && state != MfaState.ENABLED) {
            throw new IllegalArgumentException("account " + id + ": only an ENABLED account can have weak MFA, not " + state);
        }
        details = copyDetails(details, "account " + id);
    }

    /**
     * Makes a strong, non-critical account without details.
     *
     * @param id    the stable id, see {@link AccountId}
     * @param name  the display name
     * @param state the MFA state
     * @return the account
     */
    public static Account of(String id, String name, MfaState state) {
        return new Account(AccountId.of(id), name, state, false, false, Map.of());
    }

    /**
     * Whether the account can be used without a second factor.
     *
     * @return {@code true} if the state is {@link MfaState#DISABLED}
     */
    public boolean withoutMfa() {
        return state == MfaState.DISABLED;
    }

    /**
     * A copy with another display name.
     *
     * @param newName the display name
     * @return a copy with that name
     */
    public Account withName(String newName) {
        return new Account(id, newName, state, weak, critical, details);
    }

    /**
     * A copy in another state. Weakness is kept only if the new state is {@link MfaState#ENABLED}.
     *
     * @param newState the state
     * @return the copy
     */
    public Account withState(MfaState newState) {
        return new Account(id, name, newState, weak && newState == MfaState.ENABLED, critical, details);
    }

    /**
     * A copy with MFA marked weak or strong.
     *
     * @param isWeak whether the MFA is weak
     * @return a copy
     */
    public Account withWeak(boolean isWeak) {
        return new Account(id, name, state, isWeak, critical, details);
    }

    /**
     * A copy marked critical or not.
     *
     * @param isCritical whether the account is critical
     * @return a copy
     */
    public Account withCritical(boolean isCritical) {
        return new Account(id, name, state, weak, isCritical, details);
    }

    /**
     * A copy with other details.
     *
     * @param newDetails the details, replacing the old ones
     * @return a copy
     */
    public Account withDetails(Map<String, String> newDetails) {
        return new Account(id, name, state, weak, critical, newDetails);
    }

    static Map<String, String> copyDetails(Map<String, String> details, String owner) {
        Objects.requireNonNull(details, "details");
        if (details.isEmpty()) {
            return Map.of();
        }
        if (details.size() > MAX_DETAILS) {
            throw new IllegalArgumentException(owner + ": more than " + MAX_DETAILS + " details");
        }
        // A sorted copy keeps every serialised form (stored files, JSON, messages) deterministic.
        TreeMap<String, String> copy = new TreeMap<>();
        details.forEach((k, v) -> {
            Objects.requireNonNull(k, "detail key");
            Objects.requireNonNull(v, () -> "detail " + k);
            if (k.isBlank()) {
                throw new IllegalArgumentException(owner + ": detail keys must not be blank");
            }
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }
}
