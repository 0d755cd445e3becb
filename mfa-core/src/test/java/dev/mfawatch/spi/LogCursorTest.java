package dev.mfawatch.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogCursorTest {

    private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void itReadsBackWhatItWrites() {
        LogCursor c = new LogCursor("acme.okta.com", T, T.plusSeconds(600), Map.of("a b,c@d", T.plusSeconds(550), "e", T.plusSeconds(590)));
        assertThat(LogCursor.parse(c.format())).contains(c);
        assertThat(c.format()).startsWith("v1 source=acme.okta.com full=2026-11-23T08:00:00Z until=2026-11-23T08:10:00Z seen=");
        assertThat(LogCursor.parse(LogCursor.afterFullScan("x", T).format())).contains(LogCursor.afterFullScan("x", T));
    }

    @Test
    void anythingElseIsNoCursor() {
        assertThat(LogCursor.parse("")).isEmpty();
        assertThat(LogCursor.parse("{\"v\":1}")).isEmpty();
        assertThat(LogCursor.parse("v1 source=x full=yesterday until=2026-11-23T08:00:00Z seen=")).isEmpty();
        assertThat(LogCursor.parse("v1 source=x until=2026-11-23T08:00:00Z")).isEmpty();
        assertThat(LogCursor.parse("v1 source=x full=2026-11-23T08:00:00Z until=2026-11-23T08:00:00Z seen=nodate")).isEmpty();
    }

    @Test
    void aFullScanIsDueForAnotherSourceOrAfterThePeriod() {
        LogCursor c = LogCursor.afterFullScan("Acme.okta.com", T);
        assertThat(c.fullScanDue("acme.okta.com", T.plus(Duration.ofHours(23)), Duration.ofHours(24))).isFalse();
        assertThat(c.fullScanDue("acme.okta.com", T.plus(Duration.ofHours(24)), Duration.ofHours(24))).isTrue();
        assertThat(c.fullScanDue("other.okta.com", T.plusSeconds(1), Duration.ofHours(24))).isTrue();
        assertThat(c.fullScanDue("acme.okta.com", T.plusSeconds(1), Duration.ZERO)).isTrue();
    }

    @Test
    void advancingKeepsOnlyEventsInsideTheOverlap() {
        LogCursor c = new LogCursor("s", T, T.plusSeconds(600), Map.of("old", T.plusSeconds(100), "recent", T.plusSeconds(650)));
        LogCursor next = c.advance(T.plusSeconds(900), Map.of("new", T.plusSeconds(880), "late", T.plusSeconds(500)), Duration.ofMinutes(5));
        assertThat(next.seen()).containsOnlyKeys("recent", "new");
        assertThat(next.readUntil()).isEqualTo(T.plusSeconds(900));
        assertThat(next.fullScanAt()).isEqualTo(T);
        assertThat(next.readFrom(Duration.ofMinutes(5))).isEqualTo(T.plusSeconds(600));
        assertThat(next.seen("new")).isTrue();
        assertThat(next.seen("old")).isFalse();
    }
}
