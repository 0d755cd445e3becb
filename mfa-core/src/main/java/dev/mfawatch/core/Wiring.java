package dev.mfawatch.core;

import dev.mfawatch.core.Instances.MonitorInstance;
import dev.mfawatch.core.Instances.NotifierInstance;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.model.MfaWatchException;
import dev.mfawatch.model.Names;
import dev.mfawatch.model.ProviderException;
import dev.mfawatch.spi.ExemptionLoader;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SnapshotStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns settings and objects into a ready {@link MfaWatch}, finding every configuration problem
 * before giving up: each provider is created even after an earlier one failed, with settings that
 * collect problems instead of throwing, so one start-up names them all.
 */
final class Wiring {

    private static final Logger LOG = LoggerFactory.getLogger(MfaWatch.class);

    /** How many failed deliveries make a dead letter when {@code mfawatch.delivery.max-attempts} is not set. */
    static final int DEFAULT_MAX_ATTEMPTS = 50;

    /** How long a delivery may stay pending when {@code mfawatch.delivery.max-age} is not set. */
    static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    /** How long one notifier call may take when {@code mfawatch.notifier.<name>.deadline} is not set. */
    static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

    /** How long the store keeps the run history when {@code mfawatch.history.keep} is not set. */
    static final Duration DEFAULT_HISTORY_KEEP = Duration.ofDays(400);

    /** The longest scan time limit a monitor may be given. */
    static final Duration LONGEST_SCAN = Duration.ofHours(24);

    private final ConfiguredSettings settings;
    private final ProviderRegistry registry;
    private final Map<String, Monitor> givenMonitors;
    private final Map<String, Notifier> givenNotifiers;
    private final @Nullable SnapshotStore givenStore;
    private final Clock clock;
    private final List<Exemption> givenExemptions;
    private final ClassLoader loader;
    private final List<AutoCloseable> owned = new ArrayList<>();

    Wiring(SettingsSources sources, ProviderRegistry registry, Map<String, Monitor> monitors, Map<String, Notifier> notifiers,
           @Nullable SnapshotStore store, Clock clock, List<Exemption> exemptions, ClassLoader loader) {
        this.settings = ConfiguredSettings.resolve(sources, monitors.keySet(), notifiers.keySet());
        this.registry = registry;
        this.givenMonitors = monitors;
        this.givenNotifiers = notifiers;
        this.givenStore = store;
        this.clock = clock;
        this.givenExemptions = exemptions;
        this.loader = loader;
    }

    MfaWatch build() {
        try {
            settings.findString("mfawatch.config");
            BaselinePolicy baseline = BaselinePolicy.valueOf(settings.getChoice("mfawatch.baseline", "report", "report", "silent")
                    .toUpperCase(Locale.ROOT));
            MfaWatch.Delivery delivery = new MfaWatch.Delivery(
                    settings.getInt("mfawatch.delivery.max-attempts", DEFAULT_MAX_ATTEMPTS, 1, 100_000),
                    settings.getDuration("mfawatch.delivery.max-age", DEFAULT_MAX_AGE, Duration.ofMinutes(1), Settings.LONGEST));
            Duration historyKeep = settings.getDuration("mfawatch.history.keep", DEFAULT_HISTORY_KEEP, Duration.ofDays(1), Settings.LONGEST);
            Duration reminder = settings.getDuration("mfawatch.reminder.every", Duration.ZERO, Duration.ZERO, Settings.LONGEST);
            List<Exemption> exemptions = new ArrayList<>(givenExemptions);
            exemptions.addAll(exemptionsFile());
            List<MonitorInstance> monitors = monitors();
            List<NotifierInstance> notifiers = notifiers();
            for (String key : settings.scoped("mfawatch").unreadKeys()) {
                String k = ConfiguredSettings.canonical(key);
                // Instance and store keys are checked by their providers; anything else is a typo.
                if (!k.startsWith("mfawatch.monitor.") && !k.startsWith("mfawatch.notifier.") && !k.startsWith("mfawatch.store.")) {
                    if (settings.fromEnvironment(key)) {
                        // MFAWATCH_HOME and the like: a deployment's own variable must not stop every command.
                        LOG.warn("the environment variable {} is not a setting of mfa-watch and is ignored (if it is meant as one, "
                                + "check its spelling in the README)", key);
                        settings.findString(k); // counted as seen: one warning, not a second among the unused ones
                    } else {
                        settings.addProblem(new ConfigurationException(key, key + " is not a setting of mfa-watch: check its spelling in the README"));
                    }
                }
            }
            if (monitors.isEmpty() && settings.problems().isEmpty()) {
                settings.addProblem(new ConfigurationException("mfawatch.monitors",
                        "mfawatch.monitors lists no monitor: name at least one, e.g. mfawatch.monitors=gh"));
            }
            failOnProblems();
            // The store is opened last: it may take a lock that a failed start-up would hold for nothing.
            SnapshotStore store = givenStore != null ? givenStore : createStore();
            failOnProblems();
            settings.stopCollecting();
            if (notifiers.isEmpty()) {
                LOG.info("no notifier configured (mfawatch.notifiers): changes are only in the run report");
            }
            List<String> stray = settings.scoped("mfawatch").unreadKeys();
            if (!stray.isEmpty()) {
                LOG.warn("settings not used by any configured monitor, notifier or store: {}", stray);
            }
            return new MfaWatch(monitors, notifiers, store, owned, baseline, clock, settings, exemptions, reminder, historyKeep,
                    delivery);
        } catch (RuntimeException | Error e) {
            MfaWatch.closeAll(owned);
            throw e;
        }
    }

    private void failOnProblems() {
        List<ConfigurationException> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw ConfigurationException.of(problems);
        }
    }

    private List<MonitorInstance> monitors() {
        List<MonitorInstance> out = new ArrayList<>();
        for (String name : names("mfawatch.monitors", "monitor", givenMonitors.keySet())) {
            ConfiguredSettings scoped = settings.scoped("mfawatch.monitor." + name);
            Duration timeout = scoped.getDuration("timeout", defaultTimeout(scoped), Duration.ofMillis(1), LONGEST_SCAN);
            int maxRemoved = maxRemovedPercent(scoped);
            Monitor given = givenMonitors.get(name);
            if (given != null) {
                out.add(new MonitorInstance(name, "custom", given, timeout, maxRemoved));
                continue;
            }
            String type = scoped.getString("type");
            Monitor m = type.isEmpty() ? null : create("monitor " + name, type, scoped, s -> registry.monitor(type).create(s));
            if (m != null) {
                out.add(new MonitorInstance(name, type, m, timeout, maxRemoved));
            }
        }
        return out;
    }

    /** The provider's own default time limit, when its type is known; the core's otherwise. */
    private Duration defaultTimeout(ConfiguredSettings scoped) {
        String type = scoped.findString("type").orElse("");
        if (type.isEmpty()) {
            return Monitor.DEFAULT_TIMEOUT;
        }
        try {
            Duration d = registry.monitor(type).defaultTimeout();
            return d == null || d.isNegative() || d.isZero() || d.compareTo(LONGEST_SCAN) > 0 ? Monitor.DEFAULT_TIMEOUT : d;
        } catch (RuntimeException e) {
            // An unknown type is reported where the monitor is made, with its hint.
            return Monitor.DEFAULT_TIMEOUT;
        }
    }

    /** A whole percentage, the sign optional. */
    private static final java.util.regex.Pattern WHOLE_PERCENT = java.util.regex.Pattern.compile("(\\d{1,3})\\s*%?");

    /** {@code max-removed}: a share written {@code 50%} (the sign may be left out), 0 to 100. */
    private static int maxRemovedPercent(ConfiguredSettings scoped) {
        Optional<String> value = scoped.findString("max-removed");
        if (value.isEmpty()) {
            return MonitorInstance.DEFAULT_MAX_REMOVED_PERCENT;
        }
        java.util.regex.Matcher m = WHOLE_PERCENT.matcher(value.get().strip());
        if (!m.matches() || Integer.parseInt(m.group(1)) > 100) {
            scoped.reject("max-removed", "is not a share from 0% to 100% (e.g. 50%; 0% turns the guard off)");
            return MonitorInstance.DEFAULT_MAX_REMOVED_PERCENT;
        }
        return Integer.parseInt(m.group(1));
    }

    private List<NotifierInstance> notifiers() {
        List<NotifierInstance> out = new ArrayList<>();
        for (String name : names("mfawatch.notifiers", "notifier", givenNotifiers.keySet())) {
            ConfiguredSettings scoped = settings.scoped("mfawatch.notifier." + name);
            Duration deadline = scoped.getDuration("deadline", DEFAULT_DEADLINE, Duration.ofMillis(1), LONGEST_SCAN);
            Notifier given = givenNotifiers.get(name);
            if (given != null) {
                out.add(new NotifierInstance(name, "custom", given, deadline));
                continue;
            }
            String type = scoped.getString("type");
            Notifier n = type.isEmpty() ? null : create("notifier " + name, type, scoped, s -> registry.notifier(type).create(s));
            if (n != null) {
                out.add(new NotifierInstance(name, type, n, deadline));
            }
        }
        return out;
    }

    private SnapshotStore createStore() {
        String type = settings.getString("mfawatch.store.type", "file");
        ConfiguredSettings scoped = settings.scoped("mfawatch.store." + type);
        SnapshotStore s = create("store", type, scoped, x -> registry.store(type).create(x));
        if (s == null) {
            failOnProblems();
            throw new IllegalStateException("store " + type + " was not created and reported no problem");
        }
        return s;
    }

    /**
     * Creates one provider's object and checks that it read every key set for it. A configuration
     * problem is collected; anything else a provider throws after a collected problem is taken as a
     * consequence of the stand-in values it was given.
     */
    private <T extends AutoCloseable> @Nullable T create(String what, String type, ConfiguredSettings scoped,
                                                        Function<ConfiguredSettings, T> factory) {
        int before = settings.problems().size();
        T made = null;
        try {
            made = factory.apply(scoped);
            owned.add(made);
        } catch (ConfigurationException e) {
            e.problems().forEach(p -> settings.addProblem(new ConfigurationException(e.key() == null ? what : e.key(), p)));
        } catch (MfaWatchException e) {
            // A store that is locked, a provider that is missing: not a setting's fault, and said well already.
            throw e;
        } catch (RuntimeException e) {
            if (settings.problems().size() == before) {
                throw new ProviderException(what + " (type " + type + ") could not be created: " + settings.redact(e.toString()), e);
            }
        }
        for (String key : scoped.unreadKeys()) {
            settings.addProblem(new ConfigurationException(key, key + " is not a setting of " + what + " (type " + type
                    + "): check its spelling in the README"));
        }
        return settings.problems().size() == before ? made : null;
    }

    private List<Exemption> exemptionsFile() {
        Optional<Path> file = settings.findPath("mfawatch.exemptions.file");
        if (file.isEmpty()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try {
            for (ExemptionLoader l : ServiceLoader.load(ExemptionLoader.class, loader)) {
                ProviderRegistry.checkSpiVersion("exemptions", l, ExemptionLoader::spiVersion);
                if (l.reads(file.get())) {
                    return l.load(file.get());
                }
                found.add(l.getClass().getName());
            }
        } catch (ConfigurationException e) {
            settings.addProblem(e);
            return List.of();
        } catch (java.util.ServiceConfigurationError e) {
            throw new ProviderException("a jar declares a " + ExemptionLoader.class.getName()
                    + " that cannot be loaded (fix or remove that jar): " + e.getMessage(), e);
        }
        settings.reject("mfawatch.exemptions.file", "has no exemption reader for this kind of file (.json, .yaml or .yml come with "
                + "dev.mfawatch:mfa-exemptions" + (found.isEmpty() ? ", which is not on the class path" : "") + ")");
        return List.of();
    }

    private List<String> names(String key, String kind, Set<String> given) {
        List<String> names = new ArrayList<>();
        for (String n : settings.getList(key, List.of())) {
            String name = n.toLowerCase(Locale.ROOT);
            try {
                Names.checkInstanceName(kind, name);
            } catch (IllegalArgumentException e) {
                settings.addProblem(new ConfigurationException(key + "#" + name, key + ": " + e.getMessage()));
                continue;
            }
            if (names.contains(name)) {
                settings.addProblem(new ConfigurationException(key + "#" + name, key + " lists " + name + " twice"));
            } else {
                names.add(name);
            }
        }
        for (String name : given) {
            if (names.contains(name)) {
                settings.addProblem(new ConfigurationException(key + "#" + name, key + " lists " + name
                        + ", which is also a " + kind + " object handed to the builder; rename one"));
            } else {
                names.add(name);
            }
        }
        return names;
    }
}
