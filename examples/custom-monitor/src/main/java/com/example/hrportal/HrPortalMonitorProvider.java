package com.example.hrportal;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type=hr-portal}: the Acme HR portal's users. Keys: {@code export} (required), the portal's
 * user export, one user a line: {@code id;login;mfa} where mfa is {@code totp}, {@code sms} or
 * {@code none}; {@code max-size} (default 10MB), the largest export it reads. With {@code tenants}
 * (e.g. {@code eu,us}) it watches one scope per tenant instead, each reading {@code <tenant>.export}.
 */
public final class HrPortalMonitorProvider implements MonitorProvider {

    /** Creates the provider; does no work, as ServiceLoader asks. */
    public HrPortalMonitorProvider() {
    }

    @Override
    public String type() {
        return "hr-portal";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Monitor create(Settings settings) {
        Map<String, Path> exports = new LinkedHashMap<>();
        List<String> tenants = settings.getList("tenants", List.of());
        if (tenants.isEmpty()) {
            exports.put(Snapshot.DEFAULT_SCOPE, export(settings, "export"));
        }
        for (String tenant : tenants) {
            if (!tenant.matches("[a-z][a-z0-9]{0,30}")) {
                settings.reject("tenants", "lists '" + tenant + "', which is not a tenant name (lower-case letters and digits)");
            }
            exports.put(tenant, export(settings, tenant + ".export"));
        }
        // Bounds are checked at start-up, with every other setting: 0 or 5TB is a configuration error.
        long maxSize = settings.getSize("max-size", 10L << 20, 1, 1L << 30);
        return new HrPortalMonitor(exports, maxSize);
    }

    private static Path export(Settings settings, String key) {
        Path export = settings.getPath(key);
        if (export.toString().endsWith("/")) {
            settings.reject(key, "names a directory: name the export file itself");
        }
        return export;
    }
}
