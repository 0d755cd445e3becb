/** The {@code mfa-watch} command: {@code run}, {@code demo}, {@code report}, {@code config check}, {@code providers}. */
@NullMarked
package dev.mfawatch.cli;

import org.jspecify.annotations.NullMarked;

