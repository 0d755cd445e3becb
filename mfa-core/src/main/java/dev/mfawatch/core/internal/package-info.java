/**
 * The built-in providers (the {@code memory} store and the {@code log} notifier). Not exported, and
 * imported by nothing: they are found with {@link java.util.ServiceLoader} like any other provider,
 * which keeps the layers one way. Nothing here is a stable API.
 */
@NullMarked
package dev.mfawatch.core.internal;

import org.jspecify.annotations.NullMarked;

