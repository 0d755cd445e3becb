package dev.mfawatch.core;

import dev.mfawatch.model.Names;
import dev.mfawatch.model.ProviderException;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.NotifierProvider;
import dev.mfawatch.spi.SnapshotStoreProvider;
import dev.mfawatch.spi.SpiVersion;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The monitor, notifier and store providers available to a run, by type name.
 *
 * <p>{@link #load(ClassLoader)} discovers them with {@link ServiceLoader} (class path or module
 * path); {@link #of} takes them from the caller. Either way the registry is checked at once: a
 * provider with a blank or malformed type, two providers claiming one type, or a broken service
 * declaration is a {@link ProviderException}, never "whichever came first". Immutable; no global cache.
 *
 * @since 0.1
 */
public final class ProviderRegistry {

    /** Where the built-in types live, so an unknown-type error can name the jar to add. */
    private static final Map<String, String> ARTIFACTS = Map.ofEntries(
            Map.entry("github", "dev.mfawatch:mfa-monitor-github"),
            Map.entry("okta", "dev.mfawatch:mfa-monitor-okta"),
            Map.entry("entra", "dev.mfawatch:mfa-monitor-entra"),
            Map.entry("google-workspace", "dev.mfawatch:mfa-monitor-google"),
            Map.entry("gitlab", "dev.mfawatch:mfa-monitor-gitlab"),
            Map.entry("slack-workspace", "dev.mfawatch:mfa-monitor-slack"),
            Map.entry("aws-iam", "dev.mfawatch:mfa-monitor-aws"),
            Map.entry("aws-credential-report-file", "dev.mfawatch:mfa-monitor-aws"),
            Map.entry("aws-cloudtrail-signin", "dev.mfawatch:mfa-monitor-aws"),
            Map.entry("slack", "dev.mfawatch:mfa-notifier-slack"),
            Map.entry("webhook", "dev.mfawatch:mfa-notifier-webhook"),
            Map.entry("file", "dev.mfawatch:mfa-store-file"),
            Map.entry("jdbc", "dev.mfawatch:mfa-store-jdbc"),
            Map.entry("s3", "dev.mfawatch:mfa-store-s3"));

    private final Map<String, MonitorProvider> monitors;
    private final Map<String, NotifierProvider> notifiers;
    private final Map<String, SnapshotStoreProvider> stores;

    private ProviderRegistry(List<MonitorProvider> monitors, List<NotifierProvider> notifiers,
                             List<SnapshotStoreProvider> stores) {
        this.monitors = index("monitor", monitors, MonitorProvider::type, MonitorProvider::spiVersion);
        this.notifiers = index("notifier", notifiers, NotifierProvider::type, NotifierProvider::spiVersion);
        this.stores = index("store", stores, SnapshotStoreProvider::type, SnapshotStoreProvider::spiVersion);
    }

    /**
     * Discovers every provider visible to a class loader.
     *
     * @param loader the class loader to search
     * @return the registry
     * @throws ProviderException if a provider is broken or two claim one type
     */
    public static ProviderRegistry load(ClassLoader loader) {
        return new ProviderRegistry(
                collect(MonitorProvider.class, ServiceLoader.load(MonitorProvider.class, loader)),
                collect(NotifierProvider.class, ServiceLoader.load(NotifierProvider.class, loader)),
                collect(SnapshotStoreProvider.class, ServiceLoader.load(SnapshotStoreProvider.class, loader)));
    }

    /**
     * Discovers every provider in a module layer and its parents (the module path).
     *
     * @param layer the layer to search
     * @return the registry
     * @throws ProviderException if a provider is broken or two claim one type
     */
    public static ProviderRegistry load(ModuleLayer layer) {
        return new ProviderRegistry(
                collect(MonitorProvider.class, ServiceLoader.load(layer, MonitorProvider.class)),
                collect(NotifierProvider.class, ServiceLoader.load(layer, NotifierProvider.class)),
                collect(SnapshotStoreProvider.class, ServiceLoader.load(layer, SnapshotStoreProvider.class)));
    }

    /**
     * A registry of the given providers only, for hosts that wire providers themselves and for tests.
     *
     * @param monitors  monitor providers
     * @param notifiers notifier providers
     * @param stores    store providers
     * @return the registry
     * @throws ProviderException if a type is malformed or claimed twice
     */
    public static ProviderRegistry of(List<MonitorProvider> monitors, List<NotifierProvider> notifiers,
                                      List<SnapshotStoreProvider> stores) {
        return new ProviderRegistry(List.copyOf(monitors), List.copyOf(notifiers), List.copyOf(stores));
    }

    /**
     * The monitor provider of a type.
     *
     * @param type the type name
     * @return the provider
     * @throws ProviderException if no provider has that type; the message lists the types found
     */
    public MonitorProvider monitor(String type) {
        return find("monitor", monitors, type);
    }

    /**
     * The notifier provider of a type.
     *
     * @param type the type name
     * @return the provider
     * @throws ProviderException if no provider has that type; the message lists the types found
     */
    public NotifierProvider notifier(String type) {
        return find("notifier", notifiers, type);
    }

    /**
     * The store provider of a type.
     *
     * @param type the type name
     * @return the provider
     * @throws ProviderException if no provider has that type; the message lists the types found
     */
    public SnapshotStoreProvider store(String type) {
        return find("store", stores, type);
    }

    /**
     * One line per provider: kind, type, class and the jar or directory it came from, for diagnostics.
     *
     * @return the lines, sorted by kind and type
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        monitors.forEach((t, p) -> lines.add(line("monitor", t, p)));
        notifiers.forEach((t, p) -> lines.add(line("notifier", t, p)));
        stores.forEach((t, p) -> lines.add(line("store", t, p)));
        return lines;
    }

    private static String line(String kind, String type, Object provider) {
        return kind + " " + type + " " + provider.getClass().getName() + " " + where(provider);
    }

    private static <P> List<P> collect(Class<P> service, ServiceLoader<P> loader) {
        List<P> found = new ArrayList<>();
        Iterator<P> it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                throw new ProviderException("a jar declares a " + service.getName()
                        + " that cannot be loaded (fix or remove that jar): " + e.getMessage(), e);
            }
        }
    }

    private static <P> Map<String, P> index(String kind, List<P> providers, Function<P, String> typeOf,
                                            Function<P, String> spiVersionOf) {
        Map<String, P> byType = new TreeMap<>();
        for (P p : providers) {
            Objects.requireNonNull(p, kind + " provider");
            checkSpiVersion(kind, p, spiVersionOf);
            String type = typeOf.apply(p);
            if (type == null || !Names.isValidType(type)) {
                throw new ProviderException(kind + " provider " + p.getClass().getName() + " has the type '" + type
                        + "', which does not match [a-z][a-z0-9-]* (at most 63 characters)", null);
            }
            P other = byType.putIfAbsent(type, p);
            if (other != null) {
                throw new ProviderException("two " + kind + " providers claim the type '" + type + "': "
                        + other.getClass().getName() + " and " + p.getClass().getName() + "; remove one of their jars", null);
            }
        }
        return java.util.Collections.unmodifiableMap(byType);
    }

    static <P> void checkSpiVersion(String kind, P provider, Function<P, String> spiVersionOf) {
        String requested;
        try {
            requested = spiVersionOf.apply(provider);
        } catch (AbstractMethodError e) {
            // Compiled before providers declared a version: the 0.1 SPI, major version 1.
            requested = "1.0";
        }
        java.util.Optional<String> why = requested == null
                ? java.util.Optional.of("its spiVersion() returned null")
                : SpiVersion.incompatibility(requested);
        if (why.isPresent()) {
            throw new ProviderException(kind + " provider " + provider.getClass().getName() + " from "
                    + where(provider) + " cannot be used: " + why.get()
                    + "; use a build of that provider for SPI " + SpiVersion.CURRENT, null);
        }
    }

    private static String where(Object provider) {
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "(built in)" : source.getLocation().toString();
    }

    private static <P> P find(String kind, Map<String, P> byType, String type) {
        P p = byType.get(type);
        if (p != null) {
            return p;
        }
        String artifact = ARTIFACTS.get(type);
        String hint = artifact == null ? "" : "; type '" + type + "' comes with " + artifact + ", add it to the class path";
        throw new ProviderException("unknown " + kind + " type '" + type + "' (types found: "
                + (byType.isEmpty() ? "none" : String.join(", ", byType.keySet())) + ")" + hint, null);
    }
}
