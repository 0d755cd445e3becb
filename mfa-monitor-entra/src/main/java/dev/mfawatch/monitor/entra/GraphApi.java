package dev.mfawatch.monitor.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.BoundedHttp;
import dev.mfawatch.spi.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Microsoft Graph: GETs with the app's token, paging by {@code @odata.nextLink}, waiting out
 * throttling as Graph asks ({@code Retry-After} on 429, 503 and 504) when that fits the scan, trying
 * a read that got no answer again, and a message for each refusal that names the permission or the
 * licence to get. Any failed page fails the read.
 */
final class GraphApi {

    /** What a request reads and what it needs, for messages. */
    record What(String description, String permission) {
    }

    static final What USERS = new What("the users", "User.Read.All");
    static final What REPORT = new What("the MFA registration report", "AuditLog.Read.All");
    static final What METHODS = new What("a user's authentication methods", "UserAuthenticationMethod.Read.All");
    static final What AUDIT = new What("the directory audit log", "AuditLog.Read.All");
    static final What POLICIES = new What("the MFA policies (security defaults, Conditional Access)", "Policy.Read.All");

    static final int MAX_BYTES = 32 * 1024 * 1024;
    static final int MAX_THROTTLED = 10;
    static final int MAX_FAILURES = 3;
    private static final Set<Integer> THROTTLED = Set.of(429, 503, 504);
    private static final Logger LOG = LoggerFactory.getLogger(GraphApi.class);

    /** Graph refused the read (403); the message says what to grant. */
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
    private final Function<Duration, String> token;
    private final Clock clock;
    private final Supplier<Instant> deadline;
    private final Supplier<Sleeper> sleeper;
    private final ObjectMapper json = new ObjectMapper();

    GraphApi(URI endpoint, BoundedHttp http, Function<Duration, String> token, Clock clock, Supplier<Instant> deadline,
             Supplier<Sleeper> sleeper) {
        this.endpoint = endpoint;
        this.http = http;
        this.token = token;
        this.clock = clock;
        this.deadline = deadline;
        this.sleeper = sleeper;
    }

    /** Reads every page of a collection, handing each item over. */
    void list(String pathAndQuery, What what, Consumer<JsonNode> each) {
        URI next = URI.create(endpoint + pathAndQuery);
        while (next != null) {
            BoundedHttp.Answer a = answer(next, what, false);
            JsonNode body = parse(a, what);
            JsonNode items = body.path("value");
            if (!items.isArray()) {
                throw new MonitorException("Graph's answer for " + what.description() + " (" + next.getPath() + ") holds no value list");
            }
            items.forEach(each);
            JsonNode link = body.path("@odata.nextLink");
            next = link.isTextual() && !link.asText().isBlank() ? nextPage(a, link.asText()) : null;
        }
    }

    List<JsonNode> all(String pathAndQuery, What what) {
        List<JsonNode> out = new ArrayList<>();
        list(pathAndQuery, what, out::add);
        return out;
    }

    /** Reads one object; {@code null} when Graph has none (404). */
    @Nullable JsonNode one(String pathAndQuery, What what) {
        BoundedHttp.Answer a = answer(URI.create(endpoint + pathAndQuery), what, true);
        return a.status() == 404 ? null : parse(a, what);
    }

    private URI nextPage(BoundedHttp.Answer a, String href) {
        URI next;
        try {
            next = a.uri().resolve(href);
        } catch (IllegalArgumentException e) {
            throw new MonitorException("Graph sent a next link that cannot be read for " + a.uri().getPath());
        }
        if (!http.sameOrigin(next)) {
            throw new MonitorException("Graph's next link for " + a.uri().getPath() + " points to another origin (" + next.getHost()
                    + "); mfa-watch does not send the token there");
        }
        return next;
    }

    private BoundedHttp.Answer answer(URI uri, What what, boolean notFoundIsAnswer) {
        int throttled = 0;
        int failures = 0;
        while (true) {
            BoundedHttp.Answer a;
            try {
                String bearer = token.apply(Duration.between(clock.instant(), deadline.get()));
                a = http.send(u -> HttpRequest.newBuilder(u).GET().header("Accept", "application/json")
                        .header("Authorization", "Bearer " + bearer).build(), uri);
            } catch (IOException e) {
                if (++failures >= MAX_FAILURES || !waitFor(Duration.ofSeconds(failures))) {
                    throw new MonitorException("reading " + what.description() + " from Graph failed " + failures + " times: " + e.getMessage());
                }
                continue;
            }
            int status = a.status();
            if (status / 100 == 2 || status == 404 && notFoundIsAnswer) {
                return a;
            }
            if (THROTTLED.contains(status)) {
                Duration wait = retryAfter(a, throttled);
                if (++throttled > MAX_THROTTLED || !waitFor(wait)) {
                    throw new MonitorException("Graph throttled " + what.description() + " (HTTP " + status + ") and asks to wait "
                            + wait.toSeconds() + " s, past this scan's time limit; the next run tries again");
                }
                LOG.info("Graph throttled {} (HTTP {}); waited {} s as it asked", uri.getPath(), status, wait.toSeconds());
                continue;
            }
            if (status / 100 == 5 && ++failures < MAX_FAILURES && waitFor(Duration.ofSeconds(failures))) {
                continue;
            }
            throw refusal(a, what);
        }
    }

    private MonitorException refusal(BoundedHttp.Answer a, What what) {
        JsonNode error = parseQuietly(a).path("error");
        String code = error.path("code").asText("");
        String message = BoundedHttp.firstLine(error.path("message").asText(""));
        String said = "HTTP " + a.status() + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
        if (code.equals("Authentication_RequestFromNonPremiumTenantOrB2CTenant")) {
            return new Refused("Graph will not show " + what.description() + " (" + said + "): the tenant needs a Microsoft Entra ID "
                    + "P1 or P2 licence for it. If it has one, Graph can still say so when the app cannot read the tenant's licences: "
                    + "grant Directory.Read.All in place of User.Read.All", what);
        }
        if (a.status() == 403 || code.equals("Authorization_RequestDenied")) {
            return new Refused("Graph refused to show " + what.description() + " (" + said + "): grant the app the application "
                    + "permission " + what.permission() + " and an administrator's consent", what);
        }
        if (a.status() == 401) {
            return new MonitorException("Graph refused the app's token (" + said + "): check that endpoint and login-endpoint "
                    + "belong to the same cloud, and the app's permissions have an administrator's consent");
        }
        return new MonitorException("Graph answered " + said + " for " + a.uri().getPath() + " while reading " + what.description());
    }

    private static Duration retryAfter(BoundedHttp.Answer a, int previous) {
        // Without a whole-second Retry-After (an HTTP date, or none): a doubling pause.
        return Duration.ofSeconds(Math.max(0, a.headerNumber("Retry-After").orElse(Math.min(60, 1L << Math.min(previous + 1, 6)))));
    }

    private boolean waitFor(Duration wait) {
        return BoundedHttp.pauseWithin(clock, deadline.get(), sleeper.get(), wait, "Graph");
    }

    private JsonNode parse(BoundedHttp.Answer a, What what) {
        try {
            JsonNode n = json.readTree(a.body());
            if (n == null) {
                throw new IOException("empty");
            }
            return n;
        } catch (IOException e) {
            throw new MonitorException("Graph's answer for " + what.description() + " (" + a.uri().getPath() + ") is not JSON");
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
}
