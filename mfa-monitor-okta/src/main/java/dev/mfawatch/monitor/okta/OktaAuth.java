package dev.mfawatch.monitor.okta;

import dev.mfawatch.spi.BoundedHttp;
import dev.mfawatch.spi.Secret;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** How requests to Okta prove who sends them. */
interface OktaAuth {

    /**
     * The headers that authorise one request.
     *
     * @param method the HTTP method
     * @param uri    the request's URI (a DPoP proof names it)
     * @return the headers
     * @throws IOException if a token had to be fetched and that failed
     */
    Map<String, String> headers(String method, URI uri) throws IOException;

    /**
     * Okta answered 401: whether trying once more can help (a token expired early, a DPoP nonce).
     *
     * @param answer the 401 answer
     * @return {@code true} to send the request again
     */
    boolean retry(BoundedHttp.Answer answer);

    /** @return what the credential is, for messages: "the API token", "the service app" */
    String describe();

    /** An API token, sent as {@code SSWS}: it acts with the roles of the administrator who made it. */
    record ApiToken(Secret token) implements OktaAuth {
        @Override
        public Map<String, String> headers(String method, URI uri) {
            return Map.of("Authorization", "SSWS " + token.reveal());
        }

        @Override
        public boolean retry(BoundedHttp.Answer answer) {
            return false;
        }

        @Override
        public String describe() {
            return "the API token";
        }

        @Override
        public String toString() {
            return "ApiToken[****]";
        }
    }
}
