package dev.mfawatch.monitor.aws;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses an IAM credential report (CSV) by column name, so a column AWS adds or moves changes nothing.
 * Values are read case-insensitively; the root account's {@code not_supported} password columns are
 * understood. A malformed report is an {@link IllegalArgumentException} naming the row and column.
 */
final class CredentialReport {

    static final List<String> REQUIRED = List.of("user", "arn", "password_enabled", "mfa_active");

    private CredentialReport() {
    }

    /**
     * Parses a report.
     *
     * @param csv        the report text
     * @param observedAt when the report was generated
     * @return one entry per row, in file order
     * @throws IllegalArgumentException if a required column or the root account's row is missing, or a
     *                                  value is malformed
     */
    static List<IamUser> parse(String csv, Instant observedAt) {
        List<List<String>> rows = Csv.parse(csv);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the credential report is empty (no header row)");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the credential report has no column " + String.join(", ", missing)
                    + " (its header is: " + String.join(",", header) + ")");
        }
        List<IamUser> users = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            users.add(user(new Row(r + 1, row, columns), observedAt));
        }
        if (users.stream().noneMatch(IamUser::root)) {
            // IAM always writes the root row: a report without it was cut short, and reading it as it is
            // would report every user removed.
            throw new IllegalArgumentException("the credential report has no " + IamUser.ROOT_NAME + " row, which IAM always "
                    + "writes: it is incomplete (cut short, or not the whole file), so the old snapshot is kept");
        }
        return users;
    }

    private static IamUser user(Row row, Instant observedAt) {
        String name = row.required("user");
        String arn = row.required("arn");
        if (!arn.startsWith("arn:")) {
            throw row.bad("arn", arn, "an ARN");
        }
        boolean root = name.equals(IamUser.ROOT_NAME) || arn.endsWith(":root");
        boolean password = root || row.bool("password_enabled");
        boolean mfa = row.bool("mfa_active");
        String lastUsed = password && !root ? lastUsed(row) : null;
        Instant created = root ? null : row.instant("user_creation_time");
        return new IamUser(arn, root ? IamUser.ROOT_NAME : name, root, password, mfa, lastUsed, created, observedAt);
    }

    private static String lastUsed(Row row) {
        String v = row.optional("password_last_used");
        if (v == null || v.equalsIgnoreCase("no_information") || v.equalsIgnoreCase("n/a") || v.isBlank()) {
            return "no_information";
        }
        return toInstant(v).map(Instant::toString).orElseThrow(() -> row.bad("password_last_used", v, "a time"));
    }

    static java.util.Optional<Instant> toInstant(String v) {
        try {
            return java.util.Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return java.util.Optional.of(Instant.parse(v));
            } catch (DateTimeParseException e2) {
                return java.util.Optional.empty();
            }
        }
    }

    /** One data row with its number, for messages. */
    private record Row(int number, List<String> values, Map<String, Integer> columns) {

        @Nullable String optional(String column) {
            Integer i = columns.get(column);
            return i == null || i >= values.size() ? null : values.get(i).strip();
        }

        String required(String column) {
            String v = optional(column);
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("credential report row " + number + ": column " + column + " is empty");
            }
            return v;
        }

        boolean bool(String column) {
            String v = required(column);
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false", "not_supported" -> false;
                default -> throw bad(column, v, "true or false");
            };
        }

        @Nullable Instant instant(String column) {
            String v = optional(column);
            if (v == null || v.isEmpty() || v.equalsIgnoreCase("n/a") || v.equalsIgnoreCase("not_supported")
                    || v.equalsIgnoreCase("no_information")) {
                return null;
            }
            return toInstant(v).orElseThrow(() -> bad(column, v, "a time"));
        }

        IllegalArgumentException bad(String column, String value, String expected) {
            return new IllegalArgumentException("credential report row " + number + " (user " + optional("user") + "): "
                    + column + "=" + value + " is not " + expected);
        }
    }

    /** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = text.startsWith("\uFEFF") ? 1 : 0;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("the credential report ends inside a quoted field");
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
