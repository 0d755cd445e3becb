package dev.mfawatch.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.MfaState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Whatever the names, every message stays within Slack's limits, pings nobody and carries every change once. */
class HostileNamesPropertiesTest {

    private static final String ALPHABET = "&&&<<>>`*_~|:!@#ab \n\r\t\u2028\u00e9\uD83D\uDE00";
    private final ObjectMapper json = new ObjectMapper();

    private static Gen<String> hostile() {
        return lists().of(integers().between(0, ALPHABET.length() - 1)).ofSizeBetween(0, 900)
                .map(idx -> {
                    StringBuilder sb = new StringBuilder();
                    idx.forEach(i -> sb.append(ALPHABET.charAt(i)));
                    return sb.toString();
                });
    }

    @Test
    void everyMessageStaysWithinSlacksLimitsWhateverTheNames() {
        qt().withExamples(60).forAll(lists().of(hostile()).ofSizeBetween(1, 60)).checkAssert(names -> {
            List<Change> changes = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Account a = new Account(AccountId.of("id:" + i + ":" + names.get(i).replaceAll("\\p{Cntrl}", "")), names.get(i), MfaState.DISABLED, false,
                        i % 7 == 0, Map.of());
                changes.add(new Change("m" + (i % 3), ChangeKind.ADDED_WITHOUT_MFA, ChangeKind.ADDED_WITHOUT_MFA.baseSeverity(),
                        a.id(), a.name(), null, a, Instant.parse("2026-01-05T08:00:00Z"), Map.of("reason", names.get(i)), false));
            }
            Set<String> seen = new HashSet<>();
            for (SlackMessages.Message m : new SlackMessages("").build(changes)) {
                JsonNode root;
                try {
                    root = json.readTree(m.json());
                } catch (java.io.IOException e) {
                    throw new AssertionError("a message that is not JSON", e);
                }
                JsonNode blocks = root.path("blocks");
                assertThat(blocks.size()).isLessThanOrEqualTo(SlackMessages.MAX_BLOCKS);
                for (JsonNode b : blocks) {
                    String text = b.path("text").path("text").asText("");
                    if (b.path("type").asText().equals("header")) {
                        assertThat(text.length()).isLessThanOrEqualTo(SlackMessages.MAX_HEADER);
                    }
                    if (b.path("type").asText().equals("section")) {
                        assertThat(text.length()).isLessThanOrEqualTo(SlackMessages.MAX_SECTION);
                        // Escaped: no name can open a <!channel> or a link.
                        assertThat(text).doesNotContain("<", ">");
                    }
                }
                m.changes().forEach(c -> assertThat(seen.add(c.id())).as("each change in one message only").isTrue());
            }
            assertThat(seen).hasSize(changes.size());
        });
    }

    @Test
    void cuttingHappensAfterEscapingAndNeverInsideAnEntity() {
        String amps = SlackText.outside("&".repeat(300));
        assertThat(amps.length()).isLessThanOrEqualTo(SlackText.LONGEST_NAME);
        assertThat(amps).endsWith("&amp;…");
        assertThat(SlackText.outside("a".repeat(298) + "<b")).endsWith("a…").doesNotContain("&l…");
        assertThat(SlackText.bounded("x".repeat(10) + "\uD83D\uDE00", 11)).isEqualTo("x".repeat(10) + "…");
    }
}
