package dev.mfawatch.monitor.github;

import dev.mfawatch.model.MonitorException;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.HttpException;

/** Turns what github-api throws into one sentence that says what failed and what to do. */
final class GitHubErrors {

    private GitHubErrors() {
    }

    static MonitorException translate(Throwable e, GitHubSettings s, String organization) {
        RefusedAnswer redirect = find(e, RefusedAnswer.class);
        if (redirect != null) {
            return new MonitorException(redirect.getMessage(), e);
        }
        LimitWait.RateLimited limited = find(e, LimitWait.RateLimited.class);
        if (limited != null) {
            return new MonitorException(limited.getMessage(), e);
        }
        com.fasterxml.jackson.core.JsonProcessingException broken = find(e, com.fasterxml.jackson.core.JsonProcessingException.class);
        if (broken != null) {
            return new MonitorException("GitHub sent an answer that is not the JSON it should be; the scan is dropped: "
                    + firstLine(broken.getOriginalMessage()), e);
        }
        String unreachable = unreachable(e);
        if (unreachable != null) {
            // Checked before the HTTP codes: github-api reports a failed connection as "HTTP response code -1".
            return new MonitorException("cannot connect to GitHub at " + s.endpoint() + " (" + unreachable + ")", e);
        }
        HttpException http = http(e);
        if (http != null) {
            int code = http.getResponseCode();
            String url = http.getUrl() == null ? "" : " for " + pathOf(http.getUrl());
            if (code == 401) {
                return new MonitorException("GitHub rejected the token (401 Bad credentials): " + s.tokenKey()
                        + " is wrong, expired or revoked", e);
            }
            if (code == 404 || e instanceof FileNotFoundException && code <= 0) {
                return new MonitorException("GitHub answered 404" + url + ": organisation '" + organization
                        + "' does not exist at " + s.endpoint() + ", or this token cannot see it", e);
            }
            if (code == 403) {
                return new MonitorException("GitHub refused" + url + " (403): the token needs read:org (classic) or the "
                        + "organisation permission \"Members: read\" (fine-grained), and must belong to an owner", e);
            }
            if (code >= 500) {
                return new MonitorException("GitHub answered " + code + url + "; the lists are incomplete, so this scan "
                        + "is dropped and the old snapshot kept", e);
            }
            if (code > 0) {
                return new MonitorException("GitHub answered " + code + url + ": " + firstLine(http.getMessage()), e);
            }
        }
        FileNotFoundException missing = find(e, FileNotFoundException.class);
        if (missing != null) {
            return new MonitorException("GitHub answered 404 for " + firstLine(missing.getMessage()) + ": organisation '"
                    + organization + "' does not exist at " + s.endpoint() + ", or this token cannot see it", e);
        }
        return new MonitorException("reading GitHub failed: " + e.getClass().getSimpleName() + ": "
                + firstLine(String.valueOf(e.getMessage())), e);
    }

    /** Why no answer came, in a few words, or {@code null} if one did. */
    private static @Nullable String unreachable(Throwable e) {
        if (find(e, java.net.UnknownHostException.class) != null || find(e, java.nio.channels.UnresolvedAddressException.class) != null) {
            return "unknown host: check the endpoint and the DNS";
        }
        ConnectException connect = find(e, ConnectException.class);
        java.net.SocketTimeoutException socketTimeout = find(e, java.net.SocketTimeoutException.class);
        boolean connectTimedOut = socketTimeout != null && connect == null
                && String.valueOf(socketTimeout.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect");
        if (find(e, java.net.http.HttpConnectTimeoutException.class) != null || connectTimedOut) {
            return "no connection within the time limit";
        }
        if (connect != null) {
            // The JDK 17 client says nothing but ConnectException over ClosedChannelException when the
            // port refuses; other clients say "Connection refused".
            for (Throwable t = connect; t != null; t = t.getCause()) {
                if (t instanceof java.nio.channels.ClosedChannelException
                        || String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("refused")) {
                    return "connection refused";
                }
            }
            String m = connect.getMessage();
            return m == null || m.isBlank() ? "connection failed" : "connection failed: " + firstLine(m);
        }
        if (find(e, HttpTimeoutException.class) != null || socketTimeout != null) {
            return "no answer within the time limit";
        }
        javax.net.ssl.SSLException tls = find(e, javax.net.ssl.SSLException.class);
        if (tls != null) {
            return "TLS failed: " + firstLine(tls.getMessage());
        }
        return null;
    }

    static @Nullable HttpException http(Throwable e) {
        return find(e, HttpException.class);
    }

    private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String pathOf(String url) {
        int q = url.indexOf('?');
        String noQuery = q < 0 ? url : url.substring(0, q);
        int scheme = noQuery.indexOf("://");
        int slash = scheme < 0 ? -1 : noQuery.indexOf('/', scheme + 3);
        return slash < 0 ? noQuery : noQuery.substring(slash);
    }

    private static String firstLine(@Nullable String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
