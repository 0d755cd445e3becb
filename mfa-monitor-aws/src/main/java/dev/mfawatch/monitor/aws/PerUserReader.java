package dev.mfawatch.monitor.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Reads IAM without the credential report: ListUsers, then GetLoginProfile and ListMFADevices for
 * each user (about 2N calls), and GetAccountSummary for the root account. Also re-reads single
 * users for the CloudTrail refresh.
 */
final class PerUserReader {

    private PerUserReader() {
    }

    static List<IamUser> readAll(IamClient iam, StsClient sts, Instant now) {
        List<User> users = AwsCalls.call("iam:ListUsers",
                () -> iam.listUsersPaginator(r -> r.maxItems(1000)).users().stream().toList());
        List<IamUser> out = new ArrayList<>(users.size() + 1);
        for (User u : users) {
            out.add(toIamUser(iam, u, now));
        }
        String sample = users.isEmpty() ? null : users.get(0).arn();
        out.add(root(iam, sts, sample, now));
        return out;
    }

    /**
     * Re-reads one user.
     *
     * @return the user, or {@code null} if it no longer exists
     */
    static @Nullable IamUser readOne(IamClient iam, String userName, Instant now) {
        User u;
        try {
            u = iam.getUser(r -> r.userName(userName)).user();
        } catch (NoSuchEntityException e) {
            return null;
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            throw AwsCalls.translate("iam:GetUser", e);
        }
        return toIamUser(iam, u, now);
    }

    static IamUser root(IamClient iam, StsClient sts, @Nullable String anyArn, Instant now) {
        Integer enabled = AwsCalls.call("iam:GetAccountSummary",
                () -> iam.getAccountSummary().summaryMap().get(SummaryKeyType.ACCOUNT_MFA_ENABLED));
        String arn = anyArn != null ? anyArn
                : AwsCalls.call("sts:GetCallerIdentity", () -> sts.getCallerIdentity().arn());
        String rootArn = "arn:" + IamUser.partitionOf(arn) + ":iam::" + IamUser.accountIdOf(arn) + ":root";
        return new IamUser(rootArn, IamUser.ROOT_NAME, true, true, enabled != null && enabled == 1, null, null, now);
    }

    private static IamUser toIamUser(IamClient iam, User u, Instant now) {
        boolean password = hasLoginProfile(iam, u.userName());
        boolean mfa = !AwsCalls.call("iam:ListMFADevices",
                () -> iam.listMFADevices(r -> r.userName(u.userName())).mfaDevices()).isEmpty();
        String lastUsed = password ? (u.passwordLastUsed() == null ? "no_information" : u.passwordLastUsed().toString()) : null;
        return new IamUser(u.arn(), u.userName(), false, password, mfa, lastUsed, u.createDate(), now);
    }

    private static boolean hasLoginProfile(IamClient iam, String userName) {
        try {
            iam.getLoginProfile(r -> r.userName(userName));
            return true;
        } catch (NoSuchEntityException e) {
            // The user came from ListUsers (or GetUser), so NoSuchEntity here means "no console password".
            return false;
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            throw AwsCalls.translate("iam:GetLoginProfile", e);
        }
    }
}
