package dev.mfawatch.core;

import dev.mfawatch.model.ChangeKind;
import java.util.Locale;

/**
 * What the first run of a monitor (no stored snapshot) reports, set by {@code mfawatch.baseline}.
 *
 * @since 0.1
 */
public enum BaselinePolicy {
    /**
     * Every account without MFA once, as {@link ChangeKind#ADDED_WITHOUT_MFA}, every account with weak MFA
     * once, as {@link ChangeKind#ADDED_WITH_WEAK_MFA}, and every watched setting that is off. The default.
     */
    REPORT,
    /** Nothing: the first snapshot is only stored. */
    SILENT;

    /**
     * The setting value of this policy.
     *
     * @return {@code report} or {@code silent}
     */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
