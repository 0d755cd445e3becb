package dev.mfawatch.core;

import dev.mfawatch.core.internal.DefaultSettings;
import dev.mfawatch.core.internal.Instances.MonitorInstance;
import dev.mfawatch.core.internal.Instances.NotifierInstance;
import dev.mfawatch.core.internal.Names;
import dev.mfawatch.core.internal.RunExecution;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs mfa-watch: scans every configured monitor, finds what changed since the stored snapshots,
 * tells the notifiers and stores the new state.
 *
 * <p>The simplest use reads the settings from the default places and runs once:
 * <pre>{@code
 * RunReport report = MfaWatch.runOnce();
 * }</pre>
 * A host that wires things itself uses the builder; objects handed to it are the host's to close,
 * the ones made from settings belong to the {@code MfaWatch}:
 * <pre>{@code
 * try (MfaWatch watch = MfaWatch.builder()
 *         .settings(Map.of("mfawatch.monitors", "gh", "mfawatch.monitor.gh.type", "github", ...))
 *         .notifier("audit", myNotifier)
 *         .build()) {
 *     RunReport report = watch.run();
 * }
 * }</pre>
 *
 * <p>A run never throws for a failing monitor, notifier or store: the failure is in the
 * {@link RunReport}, the monitor's old snapshot is kept, and undelivered changes are parked for the
 * next run. Building throws {@link ConfigurationException} or {@link ProviderException} for a bad
 * configuration, before any network call. One {@code MfaWatch} runs one run at a time.
 *
 * @since 0.1
 */
public final class MfaWatch implements AutoCloseable {

    /** The time limit of a scan when {@code mfawatch.monitor.<name>.timeout} is not set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(MfaWatch.class);

    private final List<MonitorInstance> monitors;
    private final List<NotifierInstance> notifiers;
    private final SnapshotStore store;
    private final List<AutoCloseable> owned;
    private final BaselinePolicy baseline;
    private final Clock clock;
    private final Settings settings;
    private final List<Exemption> exemptions;
    private final Duration reminderEvery;
    private boolean closed;

    private MfaWatch(List<MonitorInstance> monitors, List<NotifierInstance> notifiers, SnapshotStore store,
                     List<AutoCloseable> owned, BaselinePolicy baseline, Clock clock, Settings settings,
                     List<Exemption> exemptions, Duration reminderEvery) {
        this.exemptions = List.copyOf(exemptions);
        this.reminderEvery = reminderEvery;
        this.monitors = List.copyOf(monitors);
        this.notifiers = List.copyOf(notifiers);
        this.store = store;
        this.owned = List.copyOf(owned);
        this.baseline = baseline;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Runs once with settings from the default places (a {@code mfa-watch.properties} on the class
     * path or the file named by {@code -Dmfawatch.config}, the environment, system properties) and
     * providers found with {@link java.util.ServiceLoader}.
     *
     * @return what the run did
     * @throws ConfigurationException if the settings are missing, unknown or malformed
     * @throws ProviderException      if a selected provider type is not available
     */
    public static RunReport runOnce() {
        return builder().runOnce();
    }

    /**
     * A builder for a host that passes settings or objects itself.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs once: scans, detects, delivers, saves.
     *
     * @return what the run did; failures are in it, not thrown
     */
    public synchronized RunReport run() {
        return new RunExecution(monitors, notifiers, store, baseline, clock, settings::redact, exemptions, reminderEvery).run();
    }

    /**
     * The monitor instance names, in the order they run and are reported.
     *
     * @return the names
     */
    public List<String> monitorNames() {
        return monitors.stream().map(MonitorInstance::name).toList();
    }

    /**
     * The exemptions in force for this watch: those handed to the builder and those of
     * {@code mfawatch.exemptions.file}.
     *
     * @return the exemptions
     */
    public List<Exemption> exemptions() {
        return exemptions;
    }

    /**
     * The store this watch reads and writes, e.g. for a report of the stored snapshots.
     *
     * @return the store
     */
    public SnapshotStore store() {
        return store;
    }

    /** Closes the monitors, notifiers and store made from settings (not the ones the host passed in). Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeAll(owned);
        }
    }

    private static void closeAll(List<AutoCloseable> things) {
        for (AutoCloseable c : things) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", c.getClass().getName(), e.toString());
            }
        }
    }

    /**
     * Collects settings and objects, then builds a checked {@link MfaWatch}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private @Nullable Settings settings;
        private @Nullable ProviderRegistry providers;
        private @Nullable ClassLoader classLoader;
        private final Map<String, Monitor> monitors = new LinkedHashMap<>();
        private final Map<String, Notifier> notifiers = new LinkedHashMap<>();
        private @Nullable SnapshotStore store;
        private Clock clock = Clock.systemUTC();
        private final List<Exemption> exemptions = new ArrayList<>();

        private Builder() {
        }

        /**
         * Exemptions to apply in addition to those of {@code mfawatch.exemptions.file}.
         *
         * @param values the exemptions
         * @return this builder
         */
        public Builder exemptions(List<Exemption> values) {
            exemptions.addAll(List.copyOf(values));
            return this;
        }

        /**
         * The settings to use instead of the default places.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder settings(Settings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * The settings to use instead of the default places, as full keys to values.
         *
         * @param values the settings
         * @return this builder
         */
        public Builder settings(Map<String, String> values) {
            return settings(Settings.of(values));
        }

        /**
         * The providers to choose types from, instead of discovering them.
         *
         * @param registry the providers
         * @return this builder
         */
        public Builder providers(ProviderRegistry registry) {
            this.providers = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The class loader to discover providers and find {@code mfa-watch.properties} with; by
         * default the thread's context class loader.
         *
         * @param loader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * Adds a monitor object. Its time limit still comes from {@code mfawatch.monitor.<name>.timeout}.
         *
         * @param name    the instance name, unique among monitors
         * @param monitor the monitor; the host closes it
         * @return this builder
         */
        public Builder monitor(String name, Monitor monitor) {
            add("monitor", monitors, name, monitor);
            return this;
        }

        /**
         * Adds a notifier object.
         *
         * @param name     the instance name, unique among notifiers
         * @param notifier the notifier; the host closes it
         * @return this builder
         */
        public Builder notifier(String name, Notifier notifier) {
            add("notifier", notifiers, name, notifier);
            return this;
        }

        /**
         * The store to use instead of the one {@code mfawatch.store.type} selects.
         *
         * @param value the store; the host closes it
         * @return this builder
         */
        public Builder store(SnapshotStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * The clock that stamps snapshots and deadlines; by default UTC system time.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Checks everything and creates the providers' objects.
         *
         * @return a ready watch, which the caller closes
         * @throws ConfigurationException listing every missing, unknown or malformed setting
         * @throws ProviderException      if a selected type is not available or providers clash
         */
        public MfaWatch build() {
            ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
            Settings s = settings != null ? settings : DefaultSettings.load(loader);
            ProviderRegistry registry = providers != null ? providers : ProviderRegistry.load(loader);
            return new Wiring(s, registry, monitors, notifiers, store, clock, exemptions, loader).build();
        }

        /**
         * Builds, runs once and closes.
         *
         * @return what the run did
         * @throws ConfigurationException if the settings are missing, unknown or malformed
         * @throws ProviderException      if a selected type is not available
         */
        public RunReport runOnce() {
            try (MfaWatch watch = build()) {
                return watch.run();
            }
        }

        private static <T> void add(String kind, Map<String, T> map, String name, T value) {
            Objects.requireNonNull(value, kind);
            Names.checkInstanceName(kind, Objects.requireNonNull(name, "name"));
            if (map.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("a " + kind + " named " + name + " was already added");
            }
        }
    }

    /** Turns settings and objects into instances, collecting every problem before giving up. */
    private static final class Wiring {
        private final Settings settings;
        private final ProviderRegistry registry;
        private final Map<String, Monitor> givenMonitors;
        private final Map<String, Notifier> givenNotifiers;
        private final @Nullable SnapshotStore givenStore;
        private final Clock clock;
        private final List<Exemption> givenExemptions;
        private final ClassLoader loader;
        private final List<ConfigurationException> problems = new ArrayList<>();
        private final List<AutoCloseable> owned = new ArrayList<>();

        Wiring(Settings settings, ProviderRegistry registry, Map<String, Monitor> monitors, Map<String, Notifier> notifiers,
               @Nullable SnapshotStore store, Clock clock, List<Exemption> exemptions, ClassLoader loader) {
            this.givenExemptions = exemptions;
            this.loader = loader;
            this.settings = settings;
            this.registry = registry;
            this.givenMonitors = monitors;
            this.givenNotifiers = notifiers;
            this.givenStore = store;
            this.clock = clock;
        }

        MfaWatch build() {
            try {
                settings.get("mfawatch.config");
                BaselinePolicy baseline = attempt(() -> BaselinePolicy.valueOf(settings.choice("mfawatch.baseline",
                        "report", "report", "silent").toUpperCase(java.util.Locale.ROOT)), BaselinePolicy.REPORT);
                Duration reminder = attempt(() -> settings.duration("mfawatch.reminder.every", Duration.ZERO), Duration.ZERO);
                List<Exemption> exemptions = new ArrayList<>(givenExemptions);
                exemptions.addAll(attempt(this::exemptionsFile, List.of()));
                List<MonitorInstance> monitors = monitors();
                List<NotifierInstance> notifiers = notifiers();
                for (String key : settings.scoped("mfawatch").unreadKeys()) {
                    String k = Settings.normalize(key);
                    // Instance and store keys are checked by their providers; anything else is a typo.
                    if (!k.startsWith("mfawatch.monitor.") && !k.startsWith("mfawatch.notifier.") && !k.startsWith("mfawatch.store.")) {
                        problems.add(new ConfigurationException(key, key + " is not a setting of mfa-watch: check its spelling in the README"));
                    }
                }
                if (monitors.isEmpty() && problems.isEmpty()) {
                    problems.add(new ConfigurationException("mfawatch.monitors",
                            "mfawatch.monitors lists no monitor: name at least one, e.g. mfawatch.monitors=gh"));
                }
                if (!problems.isEmpty()) {
                    throw ConfigurationException.of(problems);
                }
                SnapshotStore store = givenStore != null ? givenStore : createStore();
                if (!problems.isEmpty()) {
                    throw ConfigurationException.of(problems);
                }
                if (notifiers.isEmpty()) {
                    LOG.info("no notifier configured (mfawatch.notifiers): changes are only in the run report");
                }
                List<String> stray = settings.scoped("mfawatch").unreadKeys();
                if (!stray.isEmpty()) {
                    LOG.warn("settings not used by any configured monitor, notifier or store: {}", stray);
                }
                return new MfaWatch(monitors, notifiers, store, owned, baseline, clock, settings, exemptions, reminder);
            } catch (RuntimeException e) {
                closeAll(owned);
                throw e;
            }
        }

        private List<MonitorInstance> monitors() {
            List<MonitorInstance> out = new ArrayList<>();
            for (String name : names("mfawatch.monitors", "monitor", givenMonitors.keySet())) {
                Settings scoped = settings.scoped("mfawatch.monitor." + name);
                Duration timeout = attempt(() -> positive(scoped, "timeout"), DEFAULT_TIMEOUT);
                Monitor given = givenMonitors.get(name);
                if (given != null) {
                    out.add(new MonitorInstance(name, "custom", given, timeout));
                    continue;
                }
                String type = attempt(() -> scoped.require("type"), null);
                if (type == null) {
                    continue;
                }
                Monitor m = attempt(() -> registry.monitor(type).create(scoped), null);
                if (m != null) {
                    owned.add(m);
                    checkUnread(scoped, "monitor " + name, type);
                    out.add(new MonitorInstance(name, type, m, timeout));
                }
            }
            return out;
        }

        private List<NotifierInstance> notifiers() {
            List<NotifierInstance> out = new ArrayList<>();
            for (String name : names("mfawatch.notifiers", "notifier", givenNotifiers.keySet())) {
                Notifier given = givenNotifiers.get(name);
                if (given != null) {
                    out.add(new NotifierInstance(name, "custom", given));
                    continue;
                }
                Settings scoped = settings.scoped("mfawatch.notifier." + name);
                String type = attempt(() -> scoped.require("type"), null);
                if (type == null) {
                    continue;
                }
                Notifier n = attempt(() -> registry.notifier(type).create(scoped), null);
                if (n != null) {
                    owned.add(n);
                    checkUnread(scoped, "notifier " + name, type);
                    out.add(new NotifierInstance(name, type, n));
                }
            }
            return out;
        }

        private List<Exemption> exemptionsFile() {
            java.util.Optional<String> file = settings.get("mfawatch.exemptions.file");
            if (file.isEmpty()) {
                return List.of();
            }
            java.nio.file.Path path = java.nio.file.Path.of(file.get());
            List<String> found = new ArrayList<>();
            for (dev.mfawatch.spi.ExemptionLoader l : java.util.ServiceLoader.load(dev.mfawatch.spi.ExemptionLoader.class, loader)) {
                if (l.reads(path)) {
                    return l.load(path);
                }
                found.add(l.getClass().getName());
            }
            throw new ConfigurationException("mfawatch.exemptions.file", "mfawatch.exemptions.file=" + path
                    + ": no exemption reader for this kind of file (.json, .yaml or .yml come with dev.mfawatch:mfa-store-file"
                    + (found.isEmpty() ? ", which is not on the class path" : "") + ")");
        }

        private SnapshotStore createStore() {
            String type = settings.get("mfawatch.store.type", "file");
            Settings scoped = settings.scoped("mfawatch.store." + type);
            // The store is opened last: it may take a lock that a failed start-up would hold for nothing.
            SnapshotStore s = registry.store(type).create(scoped);
            owned.add(s);
            checkUnread(scoped, "store", type);
            return s;
        }

        private List<String> names(String key, String kind, java.util.Set<String> given) {
            List<String> names = new ArrayList<>();
            for (String n : settings.list(key)) {
                String name = n.toLowerCase(java.util.Locale.ROOT);
                try {
                    Names.checkInstanceName(kind, name);
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigurationException(key, key + ": " + e.getMessage()));
                    continue;
                }
                if (names.contains(name)) {
                    problems.add(new ConfigurationException(key, key + " lists " + name + " twice"));
                } else {
                    names.add(name);
                }
            }
            for (String name : given) {
                if (names.contains(name)) {
                    problems.add(new ConfigurationException(key, key + " lists " + name
                            + ", which is also a " + kind + " object handed to the builder; rename one"));
                } else {
                    names.add(name);
                }
            }
            return names;
        }

        private void checkUnread(Settings scoped, String what, String type) {
            for (String key : scoped.unreadKeys()) {
                problems.add(new ConfigurationException(key, key + " is not a setting of " + what + " (type " + type
                        + "): check its spelling in the README"));
            }
        }

        private static Duration positive(Settings scoped, String key) {
            Duration d = scoped.duration(key, DEFAULT_TIMEOUT);
            if (d.isZero()) {
                throw new ConfigurationException(scoped.fullKey(key), scoped.fullKey(key) + "=0 is not a time limit: use a positive duration such as 60s");
            }
            return d;
        }

        private <T> @Nullable T attempt(java.util.function.Supplier<T> step, @Nullable T fallback) {
            try {
                return step.get();
            } catch (ConfigurationException e) {
                problems.add(e);
                return fallback;
            }
        }
    }
}
