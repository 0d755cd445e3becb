package dev.mfawatch.model;

import java.util.Objects;

/**
 * The stable identity of an account within one monitor: a value that survives renames, such as
 * {@code github:1234567} (the numeric user id) or an IAM user's ARN. Never a login or a display name.
 *
 * <p>Ids order by their string value, which is the order of every list the engine produces.
 *
 * @param value the id, never blank, at most 2,048 characters, no control characters
 * @since 0.1
 */
public record AccountId(String value) implements Comparable<AccountId> {

    /** The longest id accepted, in characters. */
    public static final int MAX_LENGTH = 2048;

    /**
     * Checks the id.
     *
     * @throws IllegalArgumentException if the value is blank, too long or has control characters
     */
    public AccountId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("account id must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("account id is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("account id must not contain control characters: " + value.strip());
            }
        }
    }

    /**
     * Makes an id.
     *
     * @param value the id, see the class contract
     * @return the id
     */
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public int compareTo(AccountId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
