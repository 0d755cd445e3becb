package dev.mfawatch.monitor.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.BoundedHttp;
import dev.mfawatch.spi.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Admin SDK (Directory and Reports APIs): GETs with the delegated token, paging by
 * {@code nextPageToken}, backing off on Google's rate limits (429, or 403 with
 * {@code userRateLimitExceeded} / {@code rateLimitExceeded}: 1, 2, 4 … s, within the scan) and on
 * 5xx, and a message for each refusal that names the privilege or delegation to grant.
 */
final class AdminApi {

    /** What a request reads and what the subject needs for it, for messages. */
    record What(String description, String grant) {
    }

    static final What USERS = new What("the users", "an administrator role with the Users > Read privilege (or super admin)");
    static final What REPORTS = new What("the login and admin audit events (Reports API)", "an administrator role with the Reports privilege");

    static final int MAX_BYTES = 32 * 1024 * 1024;
    static final int MAX_TRIES = 8;
    private static final Set<String> RATE_LIMITED = Set.of("userRateLimitExceeded", "rateLimitExceeded", "quotaExceeded");
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    /** Google refused the read; the message says what to grant. */
    static final class Refused extends MonitorException {
        private static final long serialVersionUID = 1L;
        private final transient What what;

        Refused(String message, What what) {
            super(message);
            this.what = what;
        }

        What what() {
            return what;
        }
    }

    private final URI endpoint;
    private final BoundedHttp http;
    private final GoogleToken token;
    private final Clock clock;
    private final Supplier<Instant> deadline;
    private final Supplier<Sleeper> sleeper;
    private final ObjectMapper json = new ObjectMapper();

    AdminApi(URI endpoint, BoundedHttp http, GoogleToken token, Clock clock, Supplier<Instant> deadline, Supplier<Sleeper> sleeper) {
        this.endpoint = endpoint;
        this.http = http;
        this.token = token;
        this.clock = clock;
        this.deadline = deadline;
        this.sleeper = sleeper;
    }

    /** Reads every page, handing over each item of the {@code field} array. */
    void list(String pathAndQuery, String field, What what, Consumer<JsonNode> each) {
        String pageToken = null;
        int pages = 0;
        do {
            URI uri = URI.create(endpoint + pathAndQuery + (pageToken == null ? "" : "&pageToken=" + enc(pageToken)));
            BoundedHttp.Answer a = answer(uri, what, false);
            JsonNode body = parse(a, what);
            JsonNode items = body.path(field);
            if (!items.isMissingNode() && !items.isArray()) {
                throw new MonitorException("Google's answer for " + what.description() + " has no " + field + " list");
            }
            items.forEach(each);
            JsonNode next = body.path("nextPageToken");
            pageToken = next.isTextual() && !next.asText().isBlank() ? next.asText() : null;
            if (++pages > 100_000) {
                throw new MonitorException("Google kept sending pages of " + what.description());
            }
        } while (pageToken != null);
    }

    List<JsonNode> all(String pathAndQuery, String field, What what) {
        List<JsonNode> out = new ArrayList<>();
        list(pathAndQuery, field, what, out::add);
        return out;
    }

    /** One object; {@code null} when Google has none (404). */
    @Nullable JsonNode one(String pathAndQuery, What what) {
        BoundedHttp.Answer a = answer(URI.create(endpoint + pathAndQuery), what, true);
        return a.status() == 404 ? null : parse(a, what);
    }

    private BoundedHttp.Answer answer(URI uri, What what, boolean notFoundIsAnswer) {
        int tries = 0;
        while (true) {
            tries++;
            BoundedHttp.Answer a;
            try {
                String bearer = token.get();
                a = http.send(u -> HttpRequest.newBuilder(u).GET().header("Accept", "application/json")
                        .header("Authorization", "Bearer " + bearer).build(), uri);
            } catch (IOException e) {
                if (tries >= 3 || !backOff(tries)) {
                    throw new MonitorException("reading " + what.description() + " from Google failed " + tries + " times: " + e.getMessage());
                }
                continue;
            }
            int status = a.status();
            if (status / 100 == 2 || status == 404 && notFoundIsAnswer) {
                return a;
            }
            JsonNode error = parseQuietly(a).path("error");
            String reason = error.path("errors").path(0).path("reason").asText("");
            boolean limited = status == 429 || status == 403 && RATE_LIMITED.contains(reason);
            if ((limited || status / 100 == 5) && tries < MAX_TRIES && backOff(tries)) {
                LOG.info("Google answered {} ({}) for {}; backing off", status, reason.isEmpty() ? "no reason" : reason, uri.getPath());
                continue;
            }
            String said = "HTTP " + status + (reason.isEmpty() ? "" : " " + reason) + ": " + BoundedHttp.firstLine(error.path("message").asText(""));
            if (limited) {
                throw new MonitorException("Google kept rate-limiting " + what.description() + " (" + said + ") past this scan's time "
                        + "limit; the next run tries again");
            }
            if (status == 403) {
                throw new Refused("Google refused to show " + what.description() + " (" + said + "): the subject needs " + what.grant()
                        + ", and the service account's domain-wide delegation needs the scope for it", what);
            }
            if (status == 401) {
                throw new MonitorException("Google refused the delegated token (" + said + ")");
            }
            throw new MonitorException("Google answered " + said + " for " + uri.getPath() + " while reading " + what.description());
        }
    }

    /** Waits 1, 2, 4 … seconds (Google's advice), if that fits the scan. */
    private boolean backOff(int tries) {
        return BoundedHttp.pauseWithin(clock, deadline.get(), sleeper.get(), Duration.ofSeconds(1L << Math.min(tries - 1, 5)), "Google");
    }

    private JsonNode parse(BoundedHttp.Answer a, What what) {
        try {
            JsonNode n = json.readTree(a.body());
            if (n == null) {
                throw new IOException("empty");
            }
            return n;
        } catch (IOException e) {
            throw new MonitorException("Google's answer for " + what.description() + " (" + a.uri().getPath() + ") is not JSON");
        }
    }

    private JsonNode parseQuietly(BoundedHttp.Answer a) {
        try {
            JsonNode n = json.readTree(a.body());
            return n == null ? json.createObjectNode() : n;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
