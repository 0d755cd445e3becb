/**
 * Implementation details of mfa-core. Not exported; nothing here is a stable API.
 */
@NullMarked
package dev.mfawatch.core.internal;

import org.jspecify.annotations.NullMarked;
