package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apiguardian.api.API;

/**
 * Holds the JDK's HTTP loggers at INFO. At FINE they print whole requests: the URL (a webhook URL is a
 * secret) and the headers (an AWS session token, a signature). A provider that uses a JDK HTTP client
 * calls {@link #quiet} before its first request, so no logging configuration of a host can turn them
 * on. Libraries that log through SLF4J cannot be held from here; the README names those a host must
 * keep at INFO.
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class WireLoggers {

    /** The java.util.logging names of the JDK HTTP clients' request and header logs. */
    public static final List<String> JDK = List.of("jdk.internal.httpclient.debug", "jdk.internal.httpclient.hpack.debug",
            "jdk.internal.httpclient.websocket.debug", "jdk.httpclient.HttpClient", "jdk.internal.net.http",
            "sun.net.www", "sun.net.www.protocol.http.HttpURLConnection");

    /**
     * The AWS SDK's SigV4 signer, an SLF4J logger: at DEBUG it logs each canonical request, the session
     * token of temporary credentials included. It cannot be held from here; a provider that signs with
     * such credentials checks {@link #awsSignerLogsAtDebug()} and refuses with {@link #AWS_SIGNER_ADVICE}.
     *
     * @since 0.2
     */
    public static final String AWS_SIGNER = "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner";

    /** What to do about {@link #AWS_SIGNER} at DEBUG, for a refusal's message. */
    public static final String AWS_SIGNER_ADVICE = "set the logger software.amazon.awssdk.http.auth to INFO (mfa-watch's command "
            + "line does so itself)";

    /**
     * Whether the AWS SDK's signer would print a session token.
     *
     * @return whether {@link #AWS_SIGNER} logs at DEBUG
     * @since 0.2
     */
    public static boolean awsSignerLogsAtDebug() {
        return org.slf4j.LoggerFactory.getLogger(AWS_SIGNER).isDebugEnabled();
    }

    // java.util.logging forgets the level of a logger nobody references: these references keep it.
    private static final List<Logger> HELD = new ArrayList<>();

    private WireLoggers() {
    }

    /** Holds every logger of {@link #JDK} at INFO, from now on, in this JVM. Idempotent and thread-safe. */
    public static synchronized void quiet() {
        if (!HELD.isEmpty()) {
            return;
        }
        for (String name : JDK) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.INFO);
            HELD.add(logger);
        }
    }
}
