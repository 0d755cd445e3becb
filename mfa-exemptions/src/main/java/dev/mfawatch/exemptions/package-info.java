/**
 * The exemptions file reader. Not exported: found with {@link java.util.ServiceLoader}.
 */
@NullMarked
package dev.mfawatch.exemptions;

import org.jspecify.annotations.NullMarked;

