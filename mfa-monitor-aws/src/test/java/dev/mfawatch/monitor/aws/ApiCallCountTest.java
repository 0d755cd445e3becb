package dev.mfawatch.monitor.aws;

import static dev.mfawatch.monitor.aws.AwsTestSupport.NOW;
import static dev.mfawatch.monitor.aws.AwsTestSupport.context;
import static dev.mfawatch.monitor.aws.AwsTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.Monitor;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Counts the API calls of one scan, the figures the README gives. Users: half with a console
 * password, a third of those without MFA; the root account on a virtual device.
 */
class ApiCallCountTest {

    private static int calls(int users, int virtualDevices, String... keyValues) throws IOException {
        try (FakeAws aws = new FakeAws()) {
            for (int i = 0; i < users; i++) {
                FakeAws.User u = aws.user(String.format("user%05d", i), i % 2 == 0, i % 3 != 0);
                u.virtualMfa = i < virtualDevices;
            }
            aws.rootVirtual = true;
            try (Monitor m = AwsTestSupport.iamProvider().create(settings(aws, keyValues))) {
                m.scan(context(NOW, null));
            }
            return aws.totalCalls();
        }
    }

    @Test
    void theCredentialReportCostsTheSameForTenAndFiveThousandUsers() throws IOException {
        // Generate, Get, ListVirtualMFADevices (root's kind): 3 calls.
        assertThat(calls(10, 10, "refresh", "none")).isEqualTo(3);
        assertThat(calls(5000, 800, "refresh", "none")).isEqualTo(3);
        // With the CloudTrail refresh and no IAM change since the report: six LookupEvents more.
        assertThat(calls(10, 10)).isEqualTo(9);
        assertThat(calls(5000, 800)).isEqualTo(9);
    }

    @Test
    void onlyTellingTheRootsDeviceKindGrowsWithThousandsOfVirtualDevices() throws IOException {
        // One more ListVirtualMFADevices page per 1,000 assigned virtual devices: here 1,666 users' and the root's.
        assertThat(calls(5000, 2500, "refresh", "none")).isEqualTo(4);
    }

    @Test
    void perUserCostsAboutTwoCallsPerUser() throws IOException {
        // ListUsers pages (1,000 a page) + GetLoginProfile and ListMFADevices per user
        // + GetAccountSummary + ListVirtualMFADevices.
        assertThat(calls(10, 10, "method", "per-user")).isEqualTo(1 + 2 * 10 + 2);
        assertThat(calls(1500, 800, "method", "per-user")).isEqualTo(2 + 2 * 1500 + 2);
    }
}
