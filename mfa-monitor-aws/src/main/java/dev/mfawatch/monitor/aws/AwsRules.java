package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Severity;

/** What the AWS monitors check, for people. */
final class AwsRules {

    static final FindingRule CONSOLE_MFA = new FindingRule("aws-iam-console-mfa",
            "AWS IAM users and root account that can sign in to the console without MFA",
            "A console password without a second factor lets anyone with the password, phished or reused, into the "
                    + "AWS console. The root account can do everything, so CIS asks for a hardware device there.",
            "identity", Severity.HIGH,
            "Assign an MFA device to the user (a hardware key or token for the root account), or delete the console "
                    + "password if the user does not need the console.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html");

    static final FindingRule SIGN_IN = new FindingRule("aws-console-signin-without-mfa",
            "AWS console sign-ins without MFA",
            "A successful console sign-in that used no second factor: either MFA is missing, or it was bypassed.",
            "identity", Severity.HIGH,
            "Confirm the sign-in with its owner, then require MFA for the identity (deny actions when "
                    + "aws:MultiFactorAuthPresent is false).",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_users-self-manage-mfa-and-creds.html");

    private AwsRules() {
    }
}
