package dev.mfawatch.monitor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.MfaState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialReportTest {

    private static final Instant G = Instant.parse("2026-01-05T07:00:00Z");

    private static List<Account> accounts(String csv) {
        return IamSnapshots.accounts(CredentialReport.parse(csv, G), IamUser.RootMfa.UNKNOWN);
    }

    @Test
    void columnsAreFoundByNameWhateverTheirOrder() {
        String csv = "mfa_active,password_last_used,arn,extra_new_column,user,password_enabled,user_creation_time\n"
                + "true,no_information,arn:aws:iam::1:root,r,<root_account>,not_supported,2019-01-01T00:00:00+00:00\n"
                + "FALSE,2026-01-04T08:00:00+00:00,arn:aws:iam::1:user/a,x,a,TRUE,2024-01-01T00:00:00+00:00\n"
                + "true,N/A,arn:aws:iam::1:user/b,y,b,false,2024-01-02T00:00:00+00:00\n";
        assertThat(accounts(csv)).extracting(Account::name, Account::state).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("a", MfaState.DISABLED),
                org.assertj.core.groups.Tuple.tuple("b", MfaState.NOT_APPLICABLE),
                org.assertj.core.groups.Tuple.tuple("<root_account>", MfaState.ENABLED));
        assertThat(accounts(csv).stream().filter(a -> a.name().equals("a")).findFirst().orElseThrow().details()).containsEntry("passwordLastUsed", "2026-01-04T08:00:00Z")
                .containsEntry("created", "2024-01-01T00:00:00Z").containsEntry("observedAt", G.toString());
    }

    @Test
    void theRootRowIsCriticalAndItsNotSupportedColumnsAreUnderstood() {
        String csv = "user,arn,user_creation_time,password_enabled,password_last_used,mfa_active\n"
                + "<root_account>,arn:aws:iam::1:root,2019-01-01T00:00:00+00:00,not_supported,no_information,false\n";
        assertThat(accounts(csv)).singleElement().satisfies(root -> {
            assertThat(root.state()).isEqualTo(MfaState.DISABLED);
            assertThat(root.critical()).isTrue();
            assertThat(root.id().value()).isEqualTo("arn:aws:iam::1:root");
        });
    }

    @Test
    void quotedFieldsCrlfAndAByteOrderMarkAreRead() {
        String csv = "\uFEFFuser,arn,password_enabled,mfa_active\r\n<root_account>,arn:aws:iam::1:root,not_supported,true\r\n"
                + "\"we,ird\",\"arn:aws:iam::1:user/we,ird\",true,false\r\n";
        assertThat(accounts(csv)).extracting(Account::name).contains("we,ird");
    }

    @Test
    void aMissingColumnOrAMalformedValueIsNamed() {
        assertThatThrownBy(() -> accounts("user,arn,password_enabled\na,arn:aws:iam::1:user/a,true\n"))
                .hasMessage("the credential report has no column mfa_active (its header is: user,arn,password_enabled)");
        assertThatThrownBy(() -> accounts("user,arn,password_enabled,mfa_active\na,arn:aws:iam::1:user/a,yes,false\n"))
                .hasMessage("credential report row 2 (user a): password_enabled=yes is not true or false");
        assertThatThrownBy(() -> accounts("user,arn,password_enabled,mfa_active\na,not-an-arn,true,false\n"))
                .hasMessage("credential report row 2 (user a): arn=not-an-arn is not an ARN");
        assertThatThrownBy(() -> accounts("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> accounts("user,arn,password_enabled,mfa_active\n")).hasMessage("the credential report has no "
                + "<root_account> row, which IAM always writes: it is incomplete (cut short, or not the whole file), so the old "
                + "snapshot is kept");
        assertThatThrownBy(() -> accounts("user,arn,password_enabled,mfa_active\na,arn:aws:iam::1:user/a,true,false\n"))
                .hasMessageContaining("has no <root_account> row");
        assertThatThrownBy(() -> accounts("user,arn,password_enabled,mfa_active\n\"a,arn")).hasMessageContaining("quoted");
    }
}
