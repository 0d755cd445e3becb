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
 * @param account the account's id or its name
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
        if (account.isBlank()) {
            throw new IllegalArgumentException("an exemption must name an account (its id or its name)");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("the exemption of " + account + " must give a reason");
        }
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
     * @return {@code true} if it names the account (by id or name) and has not expired
     */
    public boolean covers(String monitorName, Account a, Instant at) {
        return names(monitorName, a) && at.isBefore(end());
    }

    /**
     * Whether the exemption names an account, expired or not.
     *
     * @param monitorName the monitor
     * @param a           the account
     * @return {@code true} if monitor and id or name match
     */
    public boolean names(String monitorName, Account a) {
        return monitor.equals(monitorName) && (account.equals(a.id().value()) || account.equals(a.name()));
    }
}
