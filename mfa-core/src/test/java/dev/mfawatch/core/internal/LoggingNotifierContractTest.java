package dev.mfawatch.core.internal;

import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Severity;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.contract.Fixtures;
import dev.mfawatch.spi.contract.NotifierContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class LoggingNotifierContractTest extends NotifierContract {

    /** Records what would have been logged, with its level. */
    static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        final transient List<String> lines = new ArrayList<>();

        CapturingLogger() {
            this.name = "capture";
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    private final CapturingLogger log = new CapturingLogger();

    @Override
    protected Notifier subject() {
        return new LoggingNotifier(log, Severity.INFO);
    }

    @Override
    protected List<String> delivered() {
        return log.lines;
    }

    @Test
    void alertsAreWarningsAndGoodNewsIsInfo() {
        subject().deliver(Fixtures.mixedChanges("gh"));
        assertThat(log.lines).first().asString().startsWith("WARN [HIGH] gh: MFA_DISABLED alice (github:10) ENABLED -> DISABLED");
        assertThat(log.lines).filteredOn(l -> l.contains("REMOVED")).singleElement().asString().startsWith("INFO [INFO]");
    }

    @Test
    void belowTheMinimumSeverityNothingIsWritten() {
        new LoggingNotifier(log, Severity.HIGH).deliver(Fixtures.mixedChanges("gh"));
        assertThat(log.lines).hasSize(4).noneMatch(l -> l.contains("REMOVED"));
    }

    @Test
    void aNameCannotForgeALogLine() {
        Account a = Account.of("github:77", "mallory\n[INFO] gh: all clear", MfaState.DISABLED);
        subject().deliver(List.of(new Change("gh", ChangeKind.ADDED_WITHOUT_MFA, Severity.HIGH, a.id(), a.name(), null, a, T0,
                Map.of(), false)));
        assertThat(log.lines).singleElement().asString().doesNotContain("\n").contains("mallory\\u000a[INFO]");
    }

    @Test
    void lateDeliveriesSayTheyAreLateAndNameTheChange() {
        Change c = Fixtures.mixedChanges("gh").get(0).withDelayed(true);
        subject().deliver(List.of(c));
        assertThat(log.lines).singleElement().asString().endsWith("(delayed delivery, change " + c.id() + ")");
    }
}
