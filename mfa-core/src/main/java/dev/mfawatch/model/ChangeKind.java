package dev.mfawatch.model;

/**
 * What happened to an account or a watched setting between two scans, or what an event source saw.
 *
 * <p>The constant names are a public contract (JSON output, notifications, stored pending
 * deliveries): they never change. Each kind has a base severity; a change on a critical account
 * gets {@link Severity#escalated()}.
 *
 * @since 0.1
 */
public enum ChangeKind {
    /** A new account that can be used without MFA (also every such account on a reported baseline). */
    ADDED_WITHOUT_MFA(Severity.HIGH, Subject.ACCOUNT),
    /** A new account with MFA, or one that cannot sign in interactively. */
    ADDED(Severity.INFO, Subject.ACCOUNT),
    /** An account that had MFA (or did not need it) can now be used without it. */
    MFA_DISABLED(Severity.HIGH, Subject.ACCOUNT),
    /** An account without MFA now has it. */
    MFA_ENABLED(Severity.INFO, Subject.ACCOUNT),
    /** An account without MFA can no longer sign in interactively (e.g. its console password was removed). */
    MFA_NOT_REQUIRED(Severity.INFO, Subject.ACCOUNT),
    /** The account is gone. A removed account is only ever this, never "MFA enabled". */
    REMOVED(Severity.INFO, Subject.ACCOUNT),
    /** The account's MFA went from a strong kind to a weak one (e.g. SMS, or a virtual device on a root account). */
    MFA_WEAKENED(Severity.MEDIUM, Subject.ACCOUNT),
    /** The account's MFA went from a weak kind to a strong one. */
    MFA_STRENGTHENED(Severity.INFO, Subject.ACCOUNT),
    /**
     * A new account whose MFA is weak (e.g. SMS, or a root account on a virtual device), and on a
     * reported baseline every account with weak MFA.
     *
     * @since 0.2
     */
    ADDED_WITH_WEAK_MFA(Severity.MEDIUM, Subject.ACCOUNT),
    /**
     * A reminder: the account still has no MFA. Raised once per {@code mfawatch.reminder.every}
     * period for every such account, and once when an exemption for it expires.
     */
    STILL_WITHOUT_MFA(Severity.HIGH, Subject.ACCOUNT),
    /** An event source saw a successful sign-in that used no second factor. */
    SIGN_IN_WITHOUT_MFA(Severity.HIGH, Subject.EVENT),
    /** A watched setting of the service (e.g. "2FA required" for an organisation) is off. */
    SETTING_DISABLED(Severity.HIGH, Subject.SETTING),
    /** A watched setting of the service was turned back on. */
    SETTING_ENABLED(Severity.INFO, Subject.SETTING);

    /** What a change of a kind is about; decides which parts of a {@link Change} are present. */
    public enum Subject {
        /** An account of a snapshot: the change has a before and/or an after account. */
        ACCOUNT,
        /** An event: neither before nor after, the event's data is in the details. */
        EVENT,
        /** A watched setting: neither before nor after, the setting is in the details. */
        SETTING
    }

    private final Severity baseSeverity;
    private final Subject subject;

    ChangeKind(Severity baseSeverity, Subject subject) {
        this.baseSeverity = baseSeverity;
        this.subject = subject;
    }

    /**
     * The severity of this kind of change on an ordinary account.
     *
     * @return the base severity
     */
    public Severity baseSeverity() {
        return baseSeverity;
    }

    /**
     * What a change of this kind is about.
     *
     * @return the subject
     */
    public Subject subject() {
        return subject;
    }
}
