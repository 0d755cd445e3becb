package dev.mfawatch.monitor.github;

import java.io.IOException;

/**
 * An answer from GitHub that mfa-watch will not act on (a redirect to another origin, an answer too
 * large to be what it claims). Thrown below github-api, which wraps it; its message says why, holds no
 * token, and becomes the scan's failure as it is.
 */
final class RefusedAnswer extends IOException {

    private static final long serialVersionUID = 1L;

    RefusedAnswer(String message) {
        super(message);
    }
}
