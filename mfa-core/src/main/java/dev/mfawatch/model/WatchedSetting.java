package dev.mfawatch.model;

import java.util.Objects;

/**
 * A watched on/off setting of a service, such as a GitHub organisation's "two-factor
 * authentication required". Turning it off raises {@link ChangeKind#SETTING_DISABLED}.
 *
 * <p>A monitor that cannot read a setting leaves it out of its snapshot: unknown is not "off".
 *
 * @param id      a stable id, unique within the monitor, e.g. {@code two-factor-requirement}
 * @param name    what people read, e.g. {@code acme: 2FA required for members}
 * @param enabled whether the setting is on
 * @since 0.1
 */
public record WatchedSetting(String id, String name, boolean enabled) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the id is blank
     */
    public WatchedSetting {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank()) {
            throw new IllegalArgumentException("setting id must not be blank");
        }
    }

    /**
     * The id under which a change of this setting is reported as its subject.
     *
     * @return {@code setting:} followed by the id
     */
    public AccountId subjectId() {
        return AccountId.of("setting:" + id);
    }
}
