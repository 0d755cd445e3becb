/** The GitHub monitor. Nothing here is exported: hosts select it with {@code type=github}. */
@NullMarked
package dev.mfawatch.monitor.github;

import org.jspecify.annotations.NullMarked;

