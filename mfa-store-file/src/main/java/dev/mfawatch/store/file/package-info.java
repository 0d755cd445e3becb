/**
 * The file store. Nothing here is exported: hosts select it with {@code mfawatch.store.type=file}
 * (the default) and {@code mfawatch.store.file.directory}.
 */
@NullMarked
package dev.mfawatch.store.file;

import org.jspecify.annotations.NullMarked;

