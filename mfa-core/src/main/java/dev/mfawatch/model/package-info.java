/**
 * The value types every layer shares: accounts, snapshots, changes, exemptions, and the exceptions
 * mfa-watch throws on purpose. Depends on nothing else of mfa-watch. Everything here is non-null
 * unless marked {@code @Nullable}.
 */
@NullMarked
package dev.mfawatch.model;

import org.jspecify.annotations.NullMarked;

