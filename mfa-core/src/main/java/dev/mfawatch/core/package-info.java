/**
 * The caller-facing API: {@link dev.mfawatch.core.MfaWatch}, the value types, the pure
 * {@link dev.mfawatch.core.ChangeDetector} and the exceptions. Everything here is non-null unless
 * marked {@code @Nullable}.
 */
@NullMarked
package dev.mfawatch.core;

import org.jspecify.annotations.NullMarked;
