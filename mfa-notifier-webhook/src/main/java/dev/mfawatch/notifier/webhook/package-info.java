/**
 * The signed generic webhook notifier ({@code type=webhook}). Not exported: found with
 * {@link java.util.ServiceLoader}.
 */
@NullMarked
package dev.mfawatch.notifier.webhook;

import org.jspecify.annotations.NullMarked;

