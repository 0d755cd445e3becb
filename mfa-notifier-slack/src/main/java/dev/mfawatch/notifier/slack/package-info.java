/** The Slack and webhook notifiers. Nothing here is exported: hosts select them by type name. */
@NullMarked
package dev.mfawatch.notifier.slack;

import org.jspecify.annotations.NullMarked;

