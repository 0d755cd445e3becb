package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Reads CloudTrail events of one name in a time window, page by page, keeping to LookupEvents'
 * limit of two requests per second per account and region (a pause of {@value #SPACING_MILLIS} ms
 * between calls to one account's region). A fleet's accounts are paced apart: one account's
 * pause never holds another's calls.
 */
final class CloudTrailReader {

    static final long SPACING_MILLIS = 500;
    /** LookupEvents serves the last 90 days; an older start is refused. */
    static final Duration HISTORY = Duration.ofDays(90);

    private final Map<String, Instant> nextCall = new HashMap<>();
    private final Clock clock;
    private final Sleeper sleeper;

    CloudTrailReader() {
        this(Clock.systemUTC(), Sleeper.system());
    }

    CloudTrailReader(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param paceKey the account and region the limit counts for, see {@link AwsClients#paceKey}
     */
    List<Event> lookup(CloudTrailClient client, String paceKey, String eventName, Instant start, Instant end) {
        List<Event> events = new ArrayList<>();
        String token = null;
        do {
            pace(paceKey);
            String page = token;
            LookupEventsResponse response = AwsCalls.call("cloudtrail:LookupEvents", () -> client.lookupEvents(r -> {
                r.lookupAttributes(LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME)
                                .attributeValue(eventName).build())
                        .startTime(start).endTime(end).maxResults(50);
                if (page != null) {
                    r.nextToken(page);
                }
            }));
            events.addAll(response.events());
            token = emptyToNull(response.nextToken());
        } while (token != null);
        return events;
    }

    private void pace(String key) {
        Duration wait;
        synchronized (this) {
            // The slot is taken under the lock, the wait happens outside it, so other accounts go on.
            Instant now = clock.instant();
            Instant allowed = nextCall.get(key);
            Instant from = allowed != null && allowed.isAfter(now) ? allowed : now;
            nextCall.put(key, from.plusMillis(SPACING_MILLIS));
            wait = Duration.between(now, from);
        }
        if (!wait.isZero() && !wait.isNegative()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MonitorException("interrupted while pacing CloudTrail calls", e);
            }
        }
    }

    private static @Nullable String emptyToNull(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
