/**
 * The service provider interface: what a monitor, a notifier or a snapshot store implements, and
 * the {@link dev.mfawatch.spi.Settings} their providers are created from. Everything here is
 * non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.mfawatch.spi;

import org.jspecify.annotations.NullMarked;

