package dev.mfawatch.spi.contract;

import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.spi.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Notifier} must have: whatever it is given arrives where it sends
 * (a fake Slack, a captured log) and names who each change is about. A notifier module extends
 * this class, points {@link #subject()} at its fake receiver and reports what arrived.
 */
public abstract class NotifierContract {

    private final List<Notifier> opened = new ArrayList<>();

    /**
     * A new notifier that delivers to a receiver this test can read, with no severity filter.
     *
     * @return the notifier
     */
    protected abstract Notifier subject();

    /**
     * Everything that reached the receiver since the test began (message bodies, log lines).
     *
     * @return the delivered texts
     */
    protected abstract List<String> delivered();

    /**
     * How a change's subject shows up in what this notifier sends; by default its name. A notifier
     * that escapes text overrides this with the escaped form.
     *
     * @param change the change
     * @return text that must appear in the delivered output
     */
    protected String traceOf(Change change) {
        return change.subjectName();
    }

    /**
     * How many changes the large-batch test sends; a notifier that paces its messages may lower it.
     *
     * @return the batch size
     */
    protected int largeBatchSize() {
        return 300;
    }

    private Notifier open() {
        Notifier n = subject();
        opened.add(n);
        return n;
    }

    @AfterEach
    void closeNotifiers() {
        opened.forEach(Notifier::close);
    }

    @Test
    void everyKindOfChangeArrivesAndNamesItsSubject() {
        List<Change> changes = Fixtures.mixedChanges("gh");
        open().deliver(changes);
        String out = String.join("\n", delivered());
        for (Change c : changes) {
            assertThat(out).as("delivery of %s", c.kind()).contains(traceOf(c));
        }
    }

    @Test
    void lateChangesArriveToo() {
        List<Change> late = Fixtures.mixedChanges("gh").stream().map(c -> c.withDelayed(true)).toList();
        open().deliver(late);
        String out = String.join("\n", delivered());
        late.forEach(c -> assertThat(out).contains(traceOf(c)));
    }

    @Test
    void aLargeBatchArrivesWhole() {
        List<Change> many = IntStream.range(0, largeBatchSize()).mapToObj(i -> {
            Account a = Account.of("github:" + (1000 + i), "user-" + (1000 + i), MfaState.DISABLED);
            return new Change("gh", ChangeKind.ADDED_WITHOUT_MFA, ChangeKind.ADDED_WITHOUT_MFA.baseSeverity(), a.id(),
                    a.name(), null, a, T0, Map.of(), false);
        }).toList();
        open().deliver(many);
        String out = String.join("\n", delivered());
        many.forEach(c -> assertThat(out).contains(traceOf(c)));
    }

    @Test
    void namesWithControlCharactersDoNotBreakDelivery() {
        Account a = Account.of("github:77", "mallory\nFAKE ALERT: all clear\r", MfaState.DISABLED);
        Change c = new Change("gh", ChangeKind.MFA_DISABLED, ChangeKind.MFA_DISABLED.baseSeverity(), a.id(), a.name(),
                a.withState(MfaState.ENABLED), a, T0, Map.of(), false);
        open().deliver(List.of(c));
        assertThat(String.join("\n", delivered())).contains("mallory");
    }

    @Test
    void closeIsIdempotentAndLeavesOtherInstancesWorking() {
        Notifier n = subject();
        assertThatCode(n::close).doesNotThrowAnyException();
        assertThatCode(n::close).as("a second close").doesNotThrowAnyException();
        // Closing one instance must not release something its siblings share (a client, a thread pool).
        List<Change> changes = Fixtures.mixedChanges("gh");
        open().deliver(changes);
        assertThat(String.join("\n", delivered())).contains(traceOf(changes.get(0)));
    }
}
