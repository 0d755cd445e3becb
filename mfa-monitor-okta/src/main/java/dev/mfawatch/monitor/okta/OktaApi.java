package dev.mfawatch.monitor.okta;

import dev.mfawatch.spi.BoundedHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Okta's management API: GETs with the credential, paging by the {@code Link: rel="next"}
 * header, pacing by the {@code X-Rate-Limit-*} headers, retries where a retry is safe (a read that got
 * no answer, a 5xx, a 429 whose reset fits the scan), and a message for each refusal that names what
 * to grant. Any failed page fails the read: a half list would look like users leaving.
 */
final class OktaApi {

    /** What a request reads, and the OAuth scope that reading needs: for messages. */
    record What(String description, String scope) {
    }

    static final What USERS = new What("the users", "okta.users.read");
    static final What FACTORS = new What("users' factors", "okta.users.read");
    static final What ADMINS = new What("the administrators (users with admin roles)", "okta.roles.read");
    static final What LOGS = new What("the System Log", "okta.logs.read");

    /** A page of users (200, Okta's largest) is a few hundred KB; a System Log page of 1,000 events a few MB. */
    static final int MAX_BYTES = 32 * 1024 * 1024;
    static final int MAX_RATE_LIMITED = 10;
    static final int MAX_FAILURES = 3;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Logger LOG = LoggerFactory.getLogger(OktaApi.class);

    /** Okta refused the read (403 or a missing scope); the message says what to grant. */
    static final class Refused extends MonitorException {
        private static final long serialVersionUID = 1L;
        private final transient What what;

        Refused(String message, What what) {
            super(message);
            this.what = what;
        }

        /** @return what was refused */
        What what() {
            return what;
        }
    }

    private final URI endpoint;
    private final OktaAuth auth;
    private final BoundedHttp exchange;
    private final double reserve;
    private final Clock clock;
    private final Supplier<Instant> deadline;
    private final Supplier<Sleeper> sleeper;
    private final ObjectMapper json = new ObjectMapper();

    OktaApi(URI endpoint, OktaAuth auth, BoundedHttp exchange, double reserve, Clock clock, Supplier<Instant> deadline,
            Supplier<Sleeper> sleeper) {
        this.endpoint = endpoint;
        this.auth = auth;
        this.exchange = exchange;
        this.reserve = reserve;
        this.clock = clock;
        this.deadline = deadline;
        this.sleeper = sleeper;
    }

    /**
     * Reads every page of a list, handing each item over as it comes.
     *
     * @param pathAndQuery the first page, e.g. {@code /api/v1/users?limit=200}
     * @param what         what is read, for messages
     * @param each         takes each item
     */
    void list(String pathAndQuery, What what, Consumer<JsonNode> each) {
        URI next = URI.create(endpoint + pathAndQuery);
        int pages = 0;
        while (next != null) {
            BoundedHttp.Answer a = get(next, what);
            JsonNode body = parse(a, what);
            JsonNode items = body.isArray() ? body : body.path("value");
            if (!items.isArray()) {
                throw new MonitorException("Okta's answer for " + what.description() + " (" + next.getPath() + ") holds no list");
            }
            items.forEach(each);
            // A System Log read without an end links on for ever (polling): an empty page is the end of any list.
            next = items.isEmpty() ? null : next(a, body);
            if (++pages > 1_000_000) {
                throw new MonitorException("Okta kept sending pages of " + what.description());
            }
        }
    }

    /** Reads all of a list. */
    List<JsonNode> all(String pathAndQuery, What what) {
        List<JsonNode> out = new ArrayList<>();
        list(pathAndQuery, what, out::add);
        return out;
    }

    /**
     * Reads one object.
     *
     * @return the object, or {@code null} if Okta has none there (404)
     */
    @Nullable JsonNode one(String path, What what) {
        URI uri = URI.create(endpoint + path);
        BoundedHttp.Answer a = answer(uri, what, true);
        return a.status() == 404 ? null : parse(a, what);
    }

    private BoundedHttp.Answer get(URI uri, What what) {
        BoundedHttp.Answer a = answer(uri, what, false);
        if (a.status() == 404) {
            throw new MonitorException("Okta answered 404 for " + uri.getPath() + ": is the endpoint the org URL (https://acme.okta.com)?");
        }
        return a;
    }

    private BoundedHttp.Answer answer(URI uri, What what, boolean notFoundIsAnswer) {
        int limited = 0;
        int failures = 0;
        boolean reauthorised = false;
        while (true) {
            BoundedHttp.Answer a;
            try {
                a = exchange.send(u -> request(u), uri);
            } catch (MonitorException e) {
                throw e;
            } catch (IOException e) {
                if (++failures >= MAX_FAILURES || !waitFor(Duration.ofSeconds(failures))) {
                    throw new MonitorException("reading " + what.description() + " from Okta failed " + failures + " times: " + e.getMessage());
                }
                continue;
            }
            int status = a.status();
            if (status == 429) {
                Duration wait = untilReset(a);
                if (++limited > MAX_RATE_LIMITED || !waitFor(wait)) {
                    throw new MonitorException("Okta's rate limit for " + uri.getPath() + " is used up (429) and lifts in " + wait.toSeconds()
                            + " s, past this scan's time limit; other clients share the limit. The next run tries again");
                }
                LOG.info("Okta rate limit for {} was used up; waited {} s for it to reset", uri.getPath(), wait.toSeconds());
                continue;
            }
            if (status / 100 == 2 || status == 404 && notFoundIsAnswer) {
                pace(a);
                return a;
            }
            if (status == 401 && !reauthorised && auth.retry(a)) {
                reauthorised = true;
                continue;
            }
            if (status / 100 == 5 && ++failures < MAX_FAILURES && waitFor(Duration.ofSeconds(failures))) {
                continue;
            }
            throw refusal(a, what);
        }
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("Accept", "application/json");
        try {
            auth.headers("GET", uri).forEach(b::header);
        } catch (IOException e) {
            throw new MonitorException("could not get a token for " + auth.describe() + ": " + e.getMessage());
        }
        return b.build();
    }

    /** Leaves the reserve of a bucket to Okta's other clients: when only the reserve is left, waits for the reset. */
    private void pace(BoundedHttp.Answer a) {
        long limit = a.headerNumber("X-Rate-Limit-Limit").orElse(-1);
        long remaining = a.headerNumber("X-Rate-Limit-Remaining").orElse(-1);
        if (limit <= 0 || remaining < 0 || remaining > Math.floor(limit * reserve)) {
            return;
        }
        Duration wait = untilReset(a);
        LOG.debug("Okta rate limit for {}: {} of {} left, waiting {} s for the reset", a.uri().getPath(), remaining, limit,
                wait.toSeconds());
        if (!waitFor(wait) && remaining == 0) {
            throw new MonitorException("Okta's rate limit for " + a.uri().getPath() + " is used up and lifts in " + wait.toSeconds()
                    + " s, past this scan's time limit; raise the monitor's timeout or run less often");
        }
    }

    private Duration untilReset(BoundedHttp.Answer a) {
        long retryAfter = a.headerNumber("Retry-After").orElse(-1);
        if (retryAfter >= 0) {
            return Duration.ofSeconds(retryAfter);
        }
        long reset = a.headerNumber("X-Rate-Limit-Reset").orElse(-1);
        if (reset < 0) {
            return Duration.ofSeconds(60);
        }
        // One second more: Okta's reset is whole seconds, and its clock is not ours.
        return Duration.ofSeconds(Math.max(0, reset - clock.instant().getEpochSecond()) + 1);
    }

    private boolean waitFor(Duration wait) {
        return BoundedHttp.pauseWithin(clock, deadline.get(), sleeper.get(), wait, "Okta's rate limit");
    }

    private MonitorException refusal(BoundedHttp.Answer a, What what) {
        JsonNode error = parseQuietly(a);
        String code = error.path("errorCode").asText("");
        String summary = error.path("errorSummary").asText("");
        String said = "HTTP " + a.status() + (code.isEmpty() ? "" : " " + code) + (summary.isEmpty() ? "" : " " + BoundedHttp.firstLine(summary));
        String challenge = a.header("WWW-Authenticate");
        boolean scopeMissing = challenge != null && challenge.contains("insufficient_scope");
        if (scopeMissing || a.status() == 403) {
            String grant = auth instanceof OktaAuth.ApiToken
                    ? "an API token acts with the admin roles of the administrator who made it: give that administrator the "
                    + "Read-only Administrator role (it may read users, factors, roles and the System Log) or use a service app"
                    : "grant " + auth.describe() + " the scope " + what.scope() + " (its Okta API Scopes tab) and an admin role that may read "
                    + what.description() + " (Read-only Administrator)";
            return new Refused("Okta refused to show " + what.description() + " to " + auth.describe() + " (" + said
                    + (scopeMissing ? ", insufficient_scope" : "") + "): " + grant, what);
        }
        if (a.status() == 401) {
            return new MonitorException("Okta refused " + auth.describe() + " (" + said + "): "
                    + (auth instanceof OktaAuth.ApiToken ? "the token is wrong, revoked, or expired (Okta expires a token unused for 30 days)"
                    : "the service app's token was not accepted; check its scopes and admin role"));
        }
        return new MonitorException("Okta answered " + said + " for " + a.uri().getPath() + " while reading " + what.description());
    }

    private JsonNode parse(BoundedHttp.Answer a, What what) {
        try {
            return json.readTree(a.body());
        } catch (IOException e) {
            throw new MonitorException("Okta's answer for " + what.description() + " (" + a.uri().getPath() + ") is not JSON");
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

    /** The next page: the {@code Link} header (users, factors, logs) or {@code _links.next} in the body (role assignees). */
    private @Nullable URI next(BoundedHttp.Answer a, JsonNode body) {
        String href = null;
        for (String link : a.headers().allValues("Link")) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                href = m.group(1);
            }
        }
        if (href == null && body.isObject()) {
            JsonNode n = body.path("_links").path("next").path("href");
            href = n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
        }
        if (href == null) {
            return null;
        }
        URI next;
        try {
            next = a.uri().resolve(href);
        } catch (IllegalArgumentException e) {
            throw new MonitorException("Okta sent a next-page link that cannot be read for " + a.uri().getPath());
        }
        if (!exchange.sameOrigin(next)) {
            throw new MonitorException("Okta's next-page link for " + a.uri().getPath() + " points to another origin (" + next.getHost()
                    + "); mfa-watch does not send the credential there");
        }
        return next;
    }
}
