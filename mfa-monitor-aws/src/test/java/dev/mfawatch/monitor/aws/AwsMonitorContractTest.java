package dev.mfawatch.monitor.aws;

import static dev.mfawatch.spi.contract.Fixtures.T0;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.contract.MonitorContract;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** Both AWS monitors that call AWS pass the monitor kit against the fake. */
class AwsMonitorContractTest {

    private final FakeAws aws;

    AwsMonitorContractTest() throws IOException {
        aws = new FakeAws();
        aws.user("alice", true, false);
        aws.user("bob", true, true);
        aws.event("us-east-1", "contract-1", "ConsoleLogin", T0.minus(Duration.ofMinutes(10)),
                FakeAws.consoleLogin("IAMUser", "alice", true, "No", "192.0.2.1", "us-east-1"));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Nested
    class AwsIam extends MonitorContract {
        @Override
        protected Monitor subject() {
            return AwsTestSupport.iamProvider().create(AwsTestSupport.settings(aws));
        }

        @Override
        protected List<String> secrets() {
            return List.of(AwsTestSupport.SECRET);
        }
    }

    @Nested
    class AwsIamPerUser extends MonitorContract {
        @Override
        protected Monitor subject() {
            return AwsTestSupport.iamProvider().create(AwsTestSupport.settings(aws, "method", "per-user"));
        }

        @Override
        protected List<String> secrets() {
            return List.of(AwsTestSupport.SECRET);
        }
    }

    @Nested
    class CloudTrailSignIn extends MonitorContract {
        @Override
        protected Monitor subject() {
            return new CloudTrailSignInMonitorProvider(AwsTestSupport.STATIC).create(AwsTestSupport.settings(aws, "regions", "us-east-1"));
        }

        @Override
        protected List<String> secrets() {
            return List.of(AwsTestSupport.SECRET);
        }
    }
}
