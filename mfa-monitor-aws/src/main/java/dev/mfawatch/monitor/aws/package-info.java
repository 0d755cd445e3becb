/**
 * The AWS monitors. Nothing here is exported: hosts select them by type name
 * ({@code aws-iam}, {@code aws-credential-report-file}, {@code aws-cloudtrail-signin}).
 */
@NullMarked
package dev.mfawatch.monitor.aws;

import org.jspecify.annotations.NullMarked;

