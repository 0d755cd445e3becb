package dev.mfawatch.monitor.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Sits between github-api and the HTTP client. github-api has no getter for the organisation's
 * {@code two_factor_requirement_enabled}, yet it fetches {@code GET /orgs/{org}} anyway; reading the
 * field from that same answer saves a request.
 */
final class OrganizationTap implements GitHubConnector {

    /** What {@code two_factor_requirement_enabled} said in the last organisation answer. */
    enum TwoFactorRequired { YES, NO, NOT_VISIBLE, NOT_READ }

    static final int MAX_ORGANIZATION_BYTES = 1 << 20;

    private final GitHubConnector delegate;
    private final String orgPath;
    private final ObjectMapper json = new ObjectMapper();
    private volatile TwoFactorRequired twoFactorRequired = TwoFactorRequired.NOT_READ;

    OrganizationTap(GitHubConnector delegate, String endpointPath, String organization) {
        this.delegate = delegate;
        this.orgPath = endpointPath + "/orgs/" + organization;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        GitHubConnectorResponse response = delegate.send(request);
        if (!"GET".equals(request.method()) || response.statusCode() != 200
                || !request.url().getPath().equalsIgnoreCase(orgPath)) {
            return response;
        }
        byte[] body;
        try (response) {
            try (InputStream in = response.bodyStream()) {
                // An organisation is a few KB: a larger answer is not one, and is not read into memory.
                body = in == null ? new byte[0] : in.readNBytes(MAX_ORGANIZATION_BYTES + 1);
            }
        }
        if (body.length > MAX_ORGANIZATION_BYTES) {
            throw new RefusedAnswer("GitHub's answer for " + request.url().getPath() + " is larger than "
                    + MAX_ORGANIZATION_BYTES / 1024 + " KB, which no organisation is; the scan is dropped");
        }
        twoFactorRequired = read(body);
        return new Replay(response, body);
    }

    private TwoFactorRequired read(byte[] body) {
        try {
            JsonNode field = json.readTree(body).get("two_factor_requirement_enabled");
            if (field == null || field.isNull()) {
                return TwoFactorRequired.NOT_VISIBLE;
            }
            return field.asBoolean() ? TwoFactorRequired.YES : TwoFactorRequired.NO;
        } catch (IOException e) {
            // github-api reads the same bytes next and reports what is wrong with them.
            return TwoFactorRequired.NOT_READ;
        }
    }

    TwoFactorRequired twoFactorRequired() {
        return twoFactorRequired;
    }

    void reset() {
        twoFactorRequired = TwoFactorRequired.NOT_READ;
    }

    /** The organisation answer again, from the bytes already read (already decompressed). */
    private static final class Replay extends GitHubConnectorResponse.ByteArrayResponse {
        private final byte[] body;

        Replay(GitHubConnectorResponse original, byte[] body) {
            super(original.request(), original.statusCode(), withoutEncoding(original.allHeaders()));
            this.body = body;
        }

        private static Map<String, List<String>> withoutEncoding(Map<String, List<String>> headers) {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((k, v) -> {
                if (k != null && !k.equalsIgnoreCase("Content-Encoding")) {
                    copy.put(k, v);
                }
            });
            return copy;
        }

        @Override
        protected @Nullable InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
