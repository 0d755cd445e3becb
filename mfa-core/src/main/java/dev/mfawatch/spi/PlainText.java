package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Makes text from a service safe to print on one line of a log or a terminal.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlainText {

    private PlainText() {
    }

    /**
     * Writes control characters (line breaks, escape sequences) and Unicode line separators as
     * {@code \\uXXXX}, so an account name cannot start a forged log line or steer a terminal.
     *
     * @param s any text
     * @return the text, printable on one line
     */
    public static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
