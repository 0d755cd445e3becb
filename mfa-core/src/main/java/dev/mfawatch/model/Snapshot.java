package dev.mfawatch.model;

import dev.mfawatch.core.ChangeDetector;
import dev.mfawatch.model.Names;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one monitor instance saw in one scan: its accounts, its watched settings, and the
 * cursor an event source resumes from.
 *
 * <p>Accounts are kept sorted by id (an already sorted input costs one pass, not a sort), which
 * makes lookups a binary search and lets {@link ChangeDetector#diff} walk two snapshots side by side.
 *
 * @param monitor       the monitor instance name, e.g. {@code gh}
 * @param scope         what part of the monitor's service this covers: {@value #DEFAULT_SCOPE} for a
 *                      monitor that watches one thing, else e.g. an AWS account id or a GitHub
 *                      organisation; see {@link Names#checkScope}
 * @param takenAt       when the scan finished
 * @param accounts      every account, sorted by id; ids are unique
 * @param settings      the watched settings the monitor could read, sorted by id; ids are unique
 * @param cursor        an opaque position for event sources, or the empty string
 * @since 0.1
 */
public record Snapshot(String monitor, String scope, Instant takenAt, List<Account> accounts, List<WatchedSetting> settings,
                       String cursor) {

    /** The scope of a monitor that watches one thing, and of every snapshot written by 0.1. */
    public static final String DEFAULT_SCOPE = "default";

    private static final Comparator<Account> BY_ID = Comparator.comparing(Account::id);

    /**
     * Checks, sorts and copies the values.
     *
     * @throws IllegalArgumentException if two accounts or two settings share an id, or the monitor name
     *                                  is not valid
     */
    public Snapshot {
        Objects.requireNonNull(monitor, "monitor");
        Names.checkScope(Objects.requireNonNull(scope, "scope"));
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(cursor, "cursor");
        Names.checkInstanceName("monitor", monitor);
        accounts = sortedUnique(accounts, monitor);
        settings = sortedUniqueSettings(settings, monitor);
    }

    /**
     * A snapshot of the default scope.
     *
     * @param monitor  the monitor instance name
     * @param takenAt  when the scan finished
     * @param accounts every account, in any order
     * @param settings the watched settings the monitor could read
     * @param cursor   an opaque position for event sources, or the empty string
     */
    public Snapshot(String monitor, Instant takenAt, List<Account> accounts, List<WatchedSetting> settings, String cursor) {
        this(monitor, DEFAULT_SCOPE, takenAt, accounts, settings, cursor);
    }

    /**
     * Makes a snapshot of one scope without watched settings or cursor.
     *
     * @param monitor  the monitor instance name
     * @param scope    the scope
     * @param takenAt  when the scan finished
     * @param accounts the accounts, in any order
     * @return the snapshot
     * @since 0.2
     */
    public static Snapshot of(String monitor, String scope, Instant takenAt, List<Account> accounts) {
        return new Snapshot(monitor, scope, takenAt, accounts, List.of(), "");
    }

    /** @return whether this is the default scope, the only one of a single-scope monitor */
    public boolean isDefaultScope() {
        return DEFAULT_SCOPE.equals(scope);
    }

    /**
     * Makes a snapshot without watched settings or cursor.
     *
     * @param monitor  the monitor instance name
     * @param takenAt  when the scan finished
     * @param accounts the accounts, in any order
     * @return the snapshot, without settings or cursor
     */
    public static Snapshot of(String monitor, Instant takenAt, List<Account> accounts) {
        return new Snapshot(monitor, takenAt, accounts, List.of(), "");
    }

    /**
     * Checks a monitor instance name: 1 to 63 lower-case letters, digits, {@code -} or {@code _},
     * starting with a letter or digit. Names become setting keys and file names, so a store may rely
     * on a checked name containing no path separator.
     *
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException if it does not fit
     */
    public static String checkMonitorName(String name) {
        return Names.checkInstanceName("monitor", Objects.requireNonNull(name, "name"));
    }

    /**
     * Finds an account by id.
     *
     * @param id the id
     * @return the account, or empty
     */
    public Optional<Account> account(AccountId id) {
        Objects.requireNonNull(id, "id");
        int low = 0;
        int high = accounts.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = accounts.get(mid).id().compareTo(id);
            if (cmp == 0) {
                return Optional.of(accounts.get(mid));
            } else if (cmp < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a watched setting by id.
     *
     * @param id the setting id
     * @return the setting, or empty when the monitor could not read it
     */
    public Optional<WatchedSetting> setting(String id) {
        return settings.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The accounts that can be used without a second factor now.
     *
     * @return those accounts, sorted by id
     */
    public List<Account> withoutMfa() {
        return accounts.stream().filter(Account::withoutMfa).toList();
    }

    /**
     * A copy with other settings.
     *
     * @param newSettings the settings
     * @return the copy
     */
    public Snapshot withSettings(List<WatchedSetting> newSettings) {
        return new Snapshot(monitor, scope, takenAt, accounts, newSettings, cursor);
    }

    /**
     * A copy with another cursor.
     *
     * @param newCursor the cursor, or the empty string
     * @return the copy
     */
    public Snapshot withCursor(String newCursor) {
        return new Snapshot(monitor, scope, takenAt, accounts, settings, newCursor);
    }

    /**
     * A copy that also keeps the settings of {@code previous} that this snapshot could not read,
     * so a setting that is unreadable for one scan is not reported as newly off when it reappears.
     *
     * @param previous the snapshot before this one
     * @return the copy, or this snapshot if nothing was carried over
     */
    public Snapshot carryForwardSettings(Snapshot previous) {
        List<WatchedSetting> merged = new ArrayList<>(settings);
        for (WatchedSetting old : previous.settings()) {
            if (setting(old.id()).isEmpty()) {
                merged.add(old);
            }
        }
        return merged.size() == settings.size() ? this : withSettings(merged);
    }

    @Override
    public String toString() {
        // The full account list can hold a million entries: a log line gets the shape, not the data.
        return "Snapshot[monitor=" + monitor + ", scope=" + scope + ", takenAt=" + takenAt + ", accounts=" + accounts.size()
                + ", withoutMfa=" + accounts.stream().filter(Account::withoutMfa).count()
                + ", settings=" + settings + ", cursor=" + (cursor.isEmpty() ? "none" : "set") + "]";
    }

    private static List<Account> sortedUnique(List<Account> accounts, String monitor) {
        Account[] array = accounts.toArray(new Account[0]);
        boolean sorted = true;
        for (int i = 0; i < array.length; i++) {
            Objects.requireNonNull(array[i], "account");
            if (i > 0 && array[i].id().compareTo(array[i - 1].id()) <= 0) {
                sorted = false;
            }
        }
        if (!sorted) {
            Arrays.sort(array, BY_ID);
            for (int i = 1; i < array.length; i++) {
                if (array[i].id().equals(array[i - 1].id())) {
                    throw new IllegalArgumentException("monitor " + monitor + ": account id " + array[i].id() + " appears twice");
                }
            }
        }
        return Collections.unmodifiableList(Arrays.asList(array));
    }

    private static List<WatchedSetting> sortedUniqueSettings(List<WatchedSetting> settings, String monitor) {
        List<WatchedSetting> copy = new ArrayList<>(settings.size());
        for (WatchedSetting s : settings) {
            copy.add(Objects.requireNonNull(s, "setting"));
        }
        copy.sort(Comparator.comparing(WatchedSetting::id));
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).id().equals(copy.get(i - 1).id())) {
                throw new IllegalArgumentException("monitor " + monitor + ": setting " + copy.get(i).id() + " appears twice");
            }
        }
        return List.copyOf(copy);
    }
}
