package dev.mfawatch.monitor.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests per scan, counted at the fake: the numbers in the README. */
class RequestCountTest {

    private final FakeGitLab gitlab = new FakeGitLab();

    @AfterEach
    void stop() {
        gitlab.close();
    }

    private int scan(String token, String... keyValues) {
        gitlab.resetCounts();
        try (Monitor m = new GitLabMonitorProvider().create(GitLabMonitorTest.settings(gitlab, token, keyValues))) {
            m.scan(ScanContext.of("gl", null, Clock.systemUTC(), Instant.now().plusSeconds(60)));
        }
        return gitlab.requests.size();
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 5000})
    void requestsPerScan(int users) {
        FakeGitLab.User root = gitlab.user(1, "root");
        root.admin = true;
        gitlab.tokens.put(FakeGitLab.ADMIN_TOKEN, 1L);
        FakeGitLab.User owner = gitlab.user(2, "owner");
        gitlab.tokens.put(FakeGitLab.OWNER_TOKEN, 2L);
        FakeGitLab.Group g = gitlab.group("acme");
        g.members.put(2L, 50);
        for (int i = 0; i < users - 2; i++) {
            gitlab.user(100 + i, "user" + i).twoFactor = i % 10 != 0;
            g.members.put(100L + i, 30);
        }
        int pages = (users + 99) / 100;
        int instance = scan(FakeGitLab.ADMIN_TOKEN);
        assertThat(instance).isEqualTo(1 + pages + 1);
        gitlab.membersShowTwoFactor = true;
        int groupOwner = scan(FakeGitLab.OWNER_TOKEN, "group", "acme");
        assertThat(groupOwner).isEqualTo(1 + (users - 1 + 99) / 100);
        gitlab.membersShowTwoFactor = false;
        int groupAdmin = scan(FakeGitLab.ADMIN_TOKEN, "group", "acme");
        // root and the owner have 2FA off too
        int disabledPages = ((users - 2 + 9) / 10 + 2 + 99) / 100;
        assertThat(groupAdmin).isEqualTo(1 + (users - 1 + 99) / 100 + 1 + disabledPages);
        System.out.printf("gitlab requests at %d users: instance %d, group (owner, newer GitLab) %d, group (admin, filter) %d%n", users,
                instance, groupOwner, groupAdmin);
    }
}
