package dev.mfawatch.model;

import java.util.regex.Pattern;

/** Rules for the names that become setting keys and file names. */
public final class Names {

    private static final Pattern INSTANCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:+=-]{0,127}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private Names() {
    }

    /**
     * Checks a monitor or notifier instance name. Names end up in setting keys, environment
     * variables and file names, so they are kept to lower-case letters, digits, '-' and '_'.
     *
     * @param what what the name names, for the message
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException if the name does not fit
     */
    public static String checkInstanceName(String what, String name) {
        if (!INSTANCE.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' is not valid: use 1 to 63 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
        return name;
    }

    /**
     * Whether a provider type name is valid: {@code [a-z][a-z0-9-]*}, at most 63 characters.
     *
     * @param type the type
     * @return {@code true} if valid
     */
    public static boolean isValidType(String type) {
        return TYPE.matcher(type).matches();
    }

    /**
     * Checks a scope id: 1 to 128 letters, digits and {@code . _ @ : + = -}, starting with a letter or
     * a digit, such as an AWS account id ({@code 123456789012}) or a GitHub login ({@code acme-corp}).
     * Stores may use it in file or object names after encoding it.
     *
     * @param scope the id
     * @return the id
     * @throws IllegalArgumentException if it does not fit
     * @since 0.2
     */
    public static String checkScope(String scope) {
        if (!SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("scope '" + scope + "' is not valid: use 1 to 128 letters, digits and . _ @ : + = -,"
                    + " starting with a letter or digit");
        }
        return scope;
    }
}
