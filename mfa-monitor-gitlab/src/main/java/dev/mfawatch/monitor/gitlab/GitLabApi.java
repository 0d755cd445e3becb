package dev.mfawatch.monitor.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.BoundedHttp;
import dev.mfawatch.spi.Secret;
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
 * Reads GitLab's REST API v4: GETs with {@code PRIVATE-TOKEN}, 100 a page following
 * {@code Link: rel="next"}, waiting out 429 ({@code Retry-After}, else {@code RateLimit-Reset}) within
 * the scan, retrying 5xx and lost answers, and saying what each refusal means.
 */
final class GitLabApi {

    static final int PAGE = 100;
    static final int MAX_BYTES = 32 * 1024 * 1024;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Logger LOG = LoggerFactory.getLogger(GitLabApi.class);

    /** GitLab refused the read (401, 403, 404). */
    static final class Refused extends MonitorException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(String message, int status) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final URI base;
    private final Secret token;
    private final BoundedHttp http;
    private final Clock clock;
    private final Supplier<Instant> deadline;
    private final Supplier<Sleeper> sleeper;
    private final ObjectMapper json = new ObjectMapper();

    GitLabApi(URI base, Secret token, BoundedHttp http, Clock clock, Supplier<Instant> deadline, Supplier<Sleeper> sleeper) {
        this.base = base;
        this.token = token;
        this.http = http;
        this.clock = clock;
        this.deadline = deadline;
        this.sleeper = sleeper;
    }

    void list(String pathAndQuery, String what, Consumer<JsonNode> each) {
        URI next = URI.create(base + pathAndQuery);
        while (next != null) {
            BoundedHttp.Answer a = answer(next, what);
            JsonNode body = parse(a, what);
            if (!body.isArray()) {
                throw new MonitorException("GitLab's answer for " + what + " (" + next.getPath() + ") is not a list");
            }
            body.forEach(each);
            next = body.isEmpty() ? null : next(a);
        }
    }

    List<JsonNode> all(String pathAndQuery, String what) {
        List<JsonNode> out = new ArrayList<>();
        list(pathAndQuery, what, out::add);
        return out;
    }

    JsonNode one(String pathAndQuery, String what) {
        BoundedHttp.Answer a = answer(URI.create(base + pathAndQuery), what);
        return parse(a, what);
    }

    private @Nullable URI next(BoundedHttp.Answer a) {
        for (String link : a.headers().allValues("Link")) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                URI next = a.uri().resolve(m.group(1));
                if (!http.sameOrigin(next)) {
                    throw new MonitorException("GitLab's next-page link for " + a.uri().getPath() + " points to another origin ("
                            + next.getHost() + "); mfa-watch does not send the token there");
                }
                return next;
            }
        }
        return null;
    }

    private BoundedHttp.Answer answer(URI uri, String what) {
        int tries = 0;
        int limited = 0;
        while (true) {
            tries++;
            BoundedHttp.Answer a;
            try {
                a = http.send(u -> HttpRequest.newBuilder(u).GET().header("Accept", "application/json")
                        .header("PRIVATE-TOKEN", token.reveal()).build(), uri);
            } catch (IOException e) {
                if (tries >= 3 || !pause(Duration.ofSeconds(tries))) {
                    throw new MonitorException("reading " + what + " from GitLab failed " + tries + " times: " + e.getMessage());
                }
                continue;
            }
            int status = a.status();
            if (status / 100 == 2) {
                return a;
            }
            if (status == 429) {
                Duration wait = retryAfter(a);
                if (++limited > 10 || !pause(wait)) {
                    throw new MonitorException("GitLab's rate limit for " + uri.getPath() + " lifts in " + wait.toSeconds()
                            + " s, past this scan's time limit; the next run tries again");
                }
                LOG.info("GitLab rate-limited {}; waited {} s", uri.getPath(), wait.toSeconds());
                tries--;
                continue;
            }
            if (status / 100 == 5 && tries < 3 && pause(Duration.ofSeconds(tries))) {
                continue;
            }
            throw refusal(a, what);
        }
    }

    private MonitorException refusal(BoundedHttp.Answer a, String what) {
        JsonNode body = parseQuietly(a);
        String message = body.path("message").isTextual() ? body.path("message").asText() : body.path("error").asText("");
        String description = body.path("error_description").asText("");
        String said = "HTTP " + a.status() + (message.isEmpty() ? "" : " " + BoundedHttp.firstLine(message))
                + (description.isEmpty() ? "" : ": " + BoundedHttp.firstLine(description));
        return switch (a.status()) {
            case 401 -> new Refused("GitLab refused the token (" + said + "): it is wrong, expired or revoked", 401);
            case 403 -> new Refused("GitLab refused to show " + what + " (" + said + "): the token needs the read_api scope"
                    + (message.contains("insufficient_scope") ? "" : " and a role that may read it"), 403);
            case 404 -> new Refused("GitLab answered 404 for " + a.uri().getPath() + " while reading " + what
                    + ": check endpoint (…/api/v4) and group, and that the token's user can see the group", 404);
            default -> new MonitorException("GitLab answered " + said + " for " + a.uri().getPath() + " while reading " + what);
        };
    }

    private Duration retryAfter(BoundedHttp.Answer a) {
        if (a.headerNumber("Retry-After").isPresent()) {
            return Duration.ofSeconds(Math.max(0, a.headerNumber("Retry-After").getAsLong()));
        }
        if (a.headerNumber("RateLimit-Reset").isPresent()) {
            return Duration.ofSeconds(Math.max(0, a.headerNumber("RateLimit-Reset").getAsLong() - clock.instant().getEpochSecond()) + 1);
        }
        return Duration.ofSeconds(60);
    }

    private boolean pause(Duration wait) {
        return BoundedHttp.pauseWithin(clock, deadline.get(), sleeper.get(), wait, "GitLab");
    }

    private JsonNode parse(BoundedHttp.Answer a, String what) {
        try {
            JsonNode n = json.readTree(a.body());
            if (n == null) {
                throw new IOException("empty");
            }
            return n;
        } catch (IOException e) {
            throw new MonitorException("GitLab's answer for " + what + " (" + a.uri().getPath() + ") is not JSON");
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
