package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The version of this SPI, which every provider reports through its {@code spiVersion()}.
 *
 * <p>The version is {@code MAJOR.MINOR}, counted apart from mfa-watch's own version. A major
 * version changes when a provider built for the old one would break (0.1's SPI was 1; 0.2's is 2);
 * a minor one when something is only added. mfa-watch loads a provider built for its own major
 * version and the same or an older minor, and refuses any other with a message that names the
 * provider, its jar and both versions.
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class SpiVersion {

    /** The SPI version of this build. Providers return this constant from {@code spiVersion()}. */
    public static final String CURRENT = "2.0";

    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

    private SpiVersion() {
    }

    /**
     * Why a provider built for {@code requested} cannot run here, if it cannot.
     *
     * @param requested what the provider's {@code spiVersion()} returned, never {@code null}
     * @return empty when it is compatible with {@link #CURRENT}; otherwise the reason, one clause
     */
    public static Optional<String> incompatibility(String requested) {
        Matcher want = FORM.matcher(Objects.requireNonNull(requested, "requested").strip());
        Matcher have = FORM.matcher(CURRENT);
        if (!want.matches() || !have.matches()) {
            return Optional.of("it declares the SPI version '" + requested + "', which is not MAJOR.MINOR");
        }
        int wantMajor = Integer.parseInt(want.group(1));
        int haveMajor = Integer.parseInt(have.group(1));
        if (wantMajor != haveMajor) {
            return Optional.of("it was built for SPI " + requested + " and this mfa-watch provides SPI " + CURRENT
                    + " (major versions " + wantMajor + " and " + haveMajor + " differ)");
        }
        if (Integer.parseInt(want.group(2)) > Integer.parseInt(have.group(2))) {
            return Optional.of("it was built for SPI " + requested + ", newer than the SPI " + CURRENT
                    + " of this mfa-watch: upgrade mfa-watch");
        }
        return Optional.empty();
    }
}
