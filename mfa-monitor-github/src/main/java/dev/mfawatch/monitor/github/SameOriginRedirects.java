package dev.mfawatch.monitor.github;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows GitHub's redirects itself, and only within the API's own origin: the HTTP client below it
 * follows none, because it would send the token along to wherever a redirect points. A redirect to
 * another scheme, host or port fails the request without going there.
 */
final class SameOriginRedirects implements GitHubConnector {

    static final int MAX_REDIRECTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(SameOriginRedirects.class);

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 307, 308);

    private final GitHubConnector delegate;
    private final URI origin;

    SameOriginRedirects(GitHubConnector delegate, URI endpoint) {
        this.delegate = delegate;
        this.origin = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority());
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        GitHubConnectorRequest current = request;
        for (int hop = 0; ; hop++) {
            long started = System.nanoTime();
            GitHubConnectorResponse response = delegate.send(current);
            if (LOG.isDebugEnabled()) {
                // Path and query only (pages, filters): never the headers, which carry the token.
                URL u = current.url();
                LOG.debug("GitHub {} {}{} -> {} in {} ms", current.method(), u.getPath(), u.getQuery() == null ? "" : "?" + u.getQuery(),
                        response.statusCode(), (System.nanoTime() - started) / 1_000_000);
            }
            String location = response.header("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location == null) {
                return response;
            }
            response.close();
            URI target;
            try {
                target = current.url().toURI().resolve(location);
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IOException("GitHub answered with a redirect mfa-watch cannot read", e);
            }
            if (!sameOrigin(target)) {
                throw new RefusedAnswer("GitHub redirected " + current.url().getPath() + " to another origin (" + target.getScheme()
                        + "://" + target.getHost() + "); mfa-watch does not send the token there. Check the endpoint setting");
            }
            if (hop >= MAX_REDIRECTS) {
                throw new RefusedAnswer("GitHub redirected " + request.url().getPath() + " more than " + MAX_REDIRECTS + " times");
            }
            current = new Redirected(current, target.toURL());
        }
    }

    private boolean sameOrigin(URI target) {
        return origin.getScheme().equalsIgnoreCase(target.getScheme()) && origin.getHost().equalsIgnoreCase(target.getHost())
                && port(origin) == port(target);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** The same request to the URL a same-origin redirect named. */
    private record Redirected(GitHubConnectorRequest original, URL url) implements GitHubConnectorRequest {
        @Override
        public String method() {
            return original.method();
        }

        @Override
        public Map<String, List<String>> allHeaders() {
            return original.allHeaders();
        }

        @Override
        public String header(String name) {
            return original.header(name);
        }

        @Override
        public String contentType() {
            return original.contentType();
        }

        @Override
        public InputStream body() {
            return original.body();
        }

        @Override
        public boolean hasBody() {
            return original.hasBody();
        }
    }
}
