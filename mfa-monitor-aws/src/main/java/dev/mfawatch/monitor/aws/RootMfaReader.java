package dev.mfawatch.monitor.aws;

import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Tells a virtual root MFA device from a hardware one: the root account has a virtual device if one
 * of the account's assigned virtual devices belongs to the root ARN. (The root may own several
 * named devices, so the serial number's name proves nothing.)
 */
final class RootMfaReader {

    /** What was learnt, and a warning if it could not be. */
    record Result(IamUser.RootMfa kind, List<String> warnings) {
    }

    private RootMfaReader() {
    }

    static Result read(IamClient iam, String rootArn) {
        try {
            boolean virtual = AwsCalls.call("iam:ListVirtualMFADevices", () -> iam.listVirtualMFADevicesPaginator(
                            r -> r.assignmentStatus(AssignmentStatusType.ASSIGNED).maxItems(1000))
                    .virtualMFADevices().stream()
                    .map(VirtualMFADevice::user)
                    .anyMatch(u -> u != null && rootArn.equals(u.arn())));
            return new Result(virtual ? IamUser.RootMfa.VIRTUAL : IamUser.RootMfa.HARDWARE, List.of());
        } catch (AwsCalls.Denied e) {
            return new Result(IamUser.RootMfa.UNKNOWN, List.of("cannot tell whether the root account's MFA is virtual "
                    + "or hardware: " + e.getMessage()));
        }
    }

    /**
     * Whether the root account has neither a password nor access keys (GetAccountSummary's
     * {@code AccountPasswordPresent} and {@code AccountAccessKeysPresent}); the credential report cannot
     * say, as it writes {@code not_supported} for the root's password.
     */
    static boolean noRootCredentials(IamClient iam) {
        var summary = AwsCalls.call("iam:GetAccountSummary", () -> iam.getAccountSummary().summaryMapAsStrings());
        Integer password = summary.get("AccountPasswordPresent");
        Integer keys = summary.get("AccountAccessKeysPresent");
        return password != null && keys != null && password == 0 && keys == 0;
    }
}
