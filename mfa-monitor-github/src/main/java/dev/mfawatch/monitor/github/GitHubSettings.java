package dev.mfawatch.monitor.github;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.Secret;
import dev.mfawatch.spi.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The settings of one {@code github} monitor instance.
 *
 * @param organizations      the organisations' logins (empty with {@code everyOwned})
 * @param everyOwned         whether to watch every organisation the token's user owns ({@code organizations=*})
 * @param scoped             whether each organisation is a scope ({@code organizations}), or the one
 *                           organisation the default scope ({@code organization}, as before 0.2)
 * @param token              the token of an organisation owner
 * @param endpoint           the API base URL (GitHub Enterprise Server: {@code https://HOST/api/v3})
 * @param members            whether to watch members
 * @param outsideCollaborators whether to watch outside collaborators
 * @param timeout            the scan's time limit (also the HTTP connect timeout's bound)
 * @param rateLimitWait      the longest a scan waits for a rate limit to reset before it fails
 * @param tokenKey           the full key of the token, for messages
 */
record GitHubSettings(List<String> organizations, boolean everyOwned, boolean scoped, Secret token, URI endpoint, boolean members, boolean outsideCollaborators,
                      Duration timeout, Duration rateLimitWait, String tokenKey) {

    static final String DEFAULT_ENDPOINT = "https://api.github.com";
    static final Set<String> INCLUDES = Set.of("members", "outside-collaborators");

    static GitHubSettings read(Settings s) {
        String org = s.findString("organization").orElse("");
        List<String> orgs = s.getList("organizations", List.of());
        boolean every = orgs.equals(List.of("*"));
        if (!org.isEmpty() && !orgs.isEmpty()) {
            s.reject("organizations", "is set together with organization: use organization for one, organizations for several");
        } else if (org.isEmpty() && orgs.isEmpty()) {
            s.getString("organization");
        }
        for (String o : org.isEmpty() ? (every ? List.<String>of() : orgs) : List.of(org)) {
            if (!o.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")) {
                s.reject(org.isEmpty() ? "organizations" : "organization", "lists " + o
                        + ", which is not a GitHub organisation login (letters, digits and '-'), nor * for every one the token owns");
            }
        }
        if (orgs.size() != new java.util.HashSet<>(orgs.stream().map(o -> o.toLowerCase(java.util.Locale.ROOT)).toList()).size()) {
            s.reject("organizations", "names an organisation twice");
        }
        Secret token = s.getSecret("token");
        String text = s.getUri("endpoint", URI.create(DEFAULT_ENDPOINT)).toString();
        // github-api joins paths to the endpoint itself: a trailing slash would double them.
        URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        List<String> include = s.getList("include", List.of());
        for (String i : include) {
            if (!INCLUDES.contains(i)) {
                s.reject("include", "lists " + i + "; it takes members and outside-collaborators");
            }
        }
        boolean all = include.isEmpty();
        return new GitHubSettings(org.isEmpty() ? (every ? List.of() : List.copyOf(orgs)) : List.of(org), every, org.isEmpty(), token, uri, all || include.contains("members"),
                all || include.contains("outside-collaborators"), s.getDuration("timeout", Monitor.DEFAULT_TIMEOUT),
                s.getDuration("rate-limit-wait", Duration.ofSeconds(60), Duration.ZERO, Duration.ofHours(1)), s.fullKey("token"));
    }
}
