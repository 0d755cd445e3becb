package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.MonitorException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Reads CloudTrail events of one name in a time window, page by page, keeping to LookupEvents'
 * limit of two requests per second per region (a pause of {@value #SPACING_MILLIS} ms between calls
 * to one region).
 */
final class CloudTrailReader {

    static final long SPACING_MILLIS = 500;
    /** LookupEvents serves the last 90 days; an older start is refused. */
    static final Duration HISTORY = Duration.ofDays(90);

    /** Waits; tests record instead. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Map<String, Long> nextCall = new HashMap<>();
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    CloudTrailReader() {
        this(System::nanoTime, Thread::sleep);
    }

    CloudTrailReader(LongSupplier nanoTime, Sleeper sleeper) {
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    List<Event> lookup(CloudTrailClient client, String region, String eventName, Instant start, Instant end) {
        List<Event> events = new ArrayList<>();
        String token = null;
        do {
            pace(region);
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

    private synchronized void pace(String region) {
        long now = nanoTime.getAsLong();
        Long allowed = nextCall.get(region);
        if (allowed != null && allowed - now > 0) {
            long millis = Math.max(1, (allowed - now) / 1_000_000);
            try {
                sleeper.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MonitorException("interrupted while pacing CloudTrail calls", e);
            }
            now = nanoTime.getAsLong();
        }
        nextCall.put(region, Math.max(now, allowed == null ? now : allowed) + SPACING_MILLIS * 1_000_000);
    }

    private static @Nullable String emptyToNull(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
