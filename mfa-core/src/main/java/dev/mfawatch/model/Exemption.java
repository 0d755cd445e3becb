package dev.mfawatch.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * An account that is known to be without MFA and may stay so until a date: a break-glass account,
 * a service account being retired. An exempt account raises no alert and is counted apart; when the
 * exemption expires, the account is announced again if it still has no MFA.
 *
 * @param monitor the monitor instance name
 * @param account the account's stable id, or {@code name:} and its display name (which another account
 *                can take after a rename, so it draws a warning each run)
 * @param reason  why it is exempt, for the people who read the reports
 * @param expires the last day (UTC) the exemption holds
 * @since 0.1
 */
public record Exemption(String monitor, String account, String reason, LocalDate expires) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the account or the reason is blank
     */
    public Exemption {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expires, "expires");
        if (account.isBlank() || account.equals(NAME_PREFIX)) {
            throw new IllegalArgumentException("an exemption must name an account (its id, or name: and its name)");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("the exemption of " + account + " must give a reason");
        }
    }

    /** The prefix of an entry that matches an account by its display name rather than its id. */
    public static final String NAME_PREFIX = "name:";

    /**
     * Whether the entry matches by display name ({@code name:alice}) rather than by id.
     *
     * @return {@code true} for a {@code name:} entry
     */
    public boolean byName() {
        return account.startsWith(NAME_PREFIX);
    }

    /**
     * Whether the entry names an account with this id and display name. By id unless the entry says
     * {@code name:}: a GitHub login or a user name can be taken by another account after a rename,
     * and an exemption must not pass to it silently.
     *
     * @param id   the account's id
     * @param name the account's display name
     * @return {@code true} if it names that account
     */
    public boolean names(String id, String name) {
        return byName() ? account.substring(NAME_PREFIX.length()).equals(name) : account.equals(id);
    }

    /**
     * The first instant the exemption no longer holds.
     *
     * @return the start of the day after {@link #expires()}, UTC
     */
    public Instant end() {
        return expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Whether the exemption covers an account at an instant.
     *
     * @param monitorName the monitor
     * @param a           the account
     * @param at          the instant
     * @return {@code true} if it names the account and has not expired
     */
    public boolean covers(String monitorName, Account a, Instant at) {
        return names(monitorName, a) && at.isBefore(end());
    }

    /**
     * Whether the exemption names an account, expired or not.
     *
     * @param monitorName the monitor
     * @param a           the account
     * @return {@code true} if the monitor matches and the entry names the account (see {@link #names(String, String)})
     */
    public boolean names(String monitorName, Account a) {
        return monitor.equals(monitorName) && names(a.id().value(), a.name());
    }
}
