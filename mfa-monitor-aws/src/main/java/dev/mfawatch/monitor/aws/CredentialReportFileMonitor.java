package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code aws-credential-report-file}: the {@code aws-iam} snapshot from a credential report saved
 * from the console or with {@code aws iam get-credential-report}. No network, no credentials. The
 * file's modification time stands for the report's generation time; the root account's MFA kind is
 * unknown offline, so it is never judged weak here.
 */
final class CredentialReportFileMonitor implements Monitor {

    private final Path path;
    private final String key;

    CredentialReportFileMonitor(Path path, String key) {
        this.path = path;
        this.key = key;
    }

    @Override
    public ScanResult scan(ScanContext context) {
        String csv;
        Instant modified;
        try {
            csv = Files.readString(path, StandardCharsets.UTF_8);
            modified = Files.getLastModifiedTime(path).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (NoSuchFileException e) {
            throw new MonitorException(key + "=" + path + ": no such file");
        } catch (IOException e) {
            throw new MonitorException(key + "=" + path + " cannot be read: " + e.getMessage(), e);
        }
        List<IamUser> users;
        try {
            users = CredentialReport.parse(csv, modified);
        } catch (IllegalArgumentException e) {
            throw new MonitorException(path + " is not a credential report IAM would write: " + e.getMessage(), e);
        }
        return ScanResult.of(IamSnapshots.snapshot(context.monitorName(), context.clock().instant(), users,
                IamUser.RootMfa.UNKNOWN, ""));
    }

    @Override
    public dev.mfawatch.model.FindingRule rule() {
        return AwsRules.CONSOLE_MFA;
    }

    @Override
    public String toString() {
        return "CredentialReportFileMonitor[" + path + "]";
    }
}
