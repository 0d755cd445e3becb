/**
 * What a host calls: {@link dev.mfawatch.core.MfaWatch} and its builder, the
 * {@link dev.mfawatch.core.SettingsSources}, the {@link dev.mfawatch.core.ProviderRegistry}, the pure
 * {@link dev.mfawatch.core.ChangeDetector} and the {@link dev.mfawatch.core.RunReport}. The run's
 * wiring and steps are package-private classes here. Everything is non-null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package dev.mfawatch.core;

import org.jspecify.annotations.NullMarked;

