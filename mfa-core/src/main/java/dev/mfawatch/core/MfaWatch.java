package dev.mfawatch.core;

import dev.mfawatch.core.Instances.MonitorInstance;
import dev.mfawatch.core.Instances.NotifierInstance;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.model.Names;
import dev.mfawatch.model.ProviderException;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    private static final Logger LOG = LoggerFactory.getLogger(MfaWatch.class);

    private final List<MonitorInstance> monitors;
    private final List<NotifierInstance> notifiers;
    private final SnapshotStore store;
    private final List<AutoCloseable> owned;
    private final BaselinePolicy baseline;
    private final Clock clock;
    private final ConfiguredSettings settings;
    private final List<Exemption> exemptions;
    private final Duration reminderEvery;
    private final Duration historyKeep;
    private final Delivery delivery;
    private boolean closed;

    /** The limits of the delivery queue. */
    record Delivery(int maxAttempts, Duration maxAge) {
    }

    MfaWatch(List<MonitorInstance> monitors, List<NotifierInstance> notifiers, SnapshotStore store,
             List<AutoCloseable> owned, BaselinePolicy baseline, Clock clock, ConfiguredSettings settings,
                     List<Exemption> exemptions, Duration reminderEvery, Duration historyKeep, Delivery delivery) {
        this.historyKeep = historyKeep;
        this.delivery = delivery;
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
        Instant started = clock.instant();
        try {
            return new RunExecution(new RunExecution.Plan(monitors, notifiers, store, baseline, clock, settings::redact, exemptions,
                    reminderEvery, historyKeep, delivery.maxAttempts(), delivery.maxAge())).run();
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            // A bug of ours must not take the host down with it: the report says what happened.
            String why = settings.redact("the run failed unexpectedly: " + Failures.describe(e));
            LOG.error(why, e);
            return new RunReport(started, clock.instant(), List.of(), List.of(), List.of(), -1, -1, List.of(why), List.of());
        }
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
     * The rule a monitor's findings break: its title, severity and remediation, for a report.
     *
     * @param monitor an instance name of {@link #monitorNames()}
     * @return the monitor's rule, or the generic rule of its type if it declares none
     * @throws IllegalArgumentException if no monitor has that name
     * @since 0.2
     */
    public dev.mfawatch.model.FindingRule rule(String monitor) {
        return monitors.stream().filter(m -> m.name().equals(monitor)).findFirst().map(RunExecution::ruleOf)
                .orElseThrow(() -> new IllegalArgumentException("no monitor named " + monitor));
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

    /**
     * Every setting that reached this watch, with secret values as {@code ****}: what
     * {@code mfa-watch config check} prints.
     *
     * @return full keys, as spelled in their source, to values; sorted
     */
    public Map<String, String> effectiveSettings() {
        return settings.scoped("mfawatch").describe();
    }

    static void closeAll(List<AutoCloseable> things) {
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

        private @Nullable SettingsSources settings;
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
         * @param value the sources, never {@code null}
         * @return this builder
         */
        public Builder settings(SettingsSources value) {
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
            return settings(SettingsSources.of(values));
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
         * Adds a monitor object. Its time limit still comes from {@code mfawatch.monitor.<name>.timeout}
         * (default {@link Monitor#DEFAULT_TIMEOUT}).
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
            SettingsSources s = settings != null ? settings : SettingsSources.fromDefaultPlaces(loader);
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
}
