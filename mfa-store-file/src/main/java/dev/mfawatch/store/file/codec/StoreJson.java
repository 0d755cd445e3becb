package dev.mfawatch.store.file.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.PendingDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the store's JSON with Jackson's streaming API, so a million accounts pass through
 * without a tree of them in memory. Unknown fields are skipped (a later minor version may add some);
 * a missing or malformed field is an {@link IOException} naming it. The file store writes it to files;
 * the PostgreSQL store keeps the same documents in rows, so both read one format. Exported to the
 * store modules only: it is no public API.
 */
public final class StoreJson {

    /** The version of the file layout this build writes and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;


    private final JsonFactory factory = JsonFactory.builder().build();

    /** Creates a codec; thread-safe. */
    public StoreJson() {
    }

    /** Something that writes itself to a stream, for {@link #encode}. */
    @FunctionalInterface
    public interface Writing {
        /**
         * Writes.
         *
         * @param out where to
         * @throws IOException if it cannot be written
         */
        void to(java.io.ByteArrayOutputStream out) throws IOException;
    }

    /**
     * What a writer writes, as bytes: a store that keeps documents in rows or objects encodes them here.
     *
     * @param w the writer, e.g. {@code out -> json.writeSnapshot(s, out)}
     * @return the bytes
     * @throws dev.mfawatch.model.SnapshotStoreException if it cannot be encoded
     */
    public static byte[] encode(Writing w) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            w.to(out);
        } catch (IOException e) {
            throw new dev.mfawatch.model.SnapshotStoreException("cannot encode for the store: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Writes a snapshot.
     *
     * @param s   the snapshot
     * @param out where to
     * @throws IOException if it cannot be written
     */
    public void writeSnapshot(Snapshot s, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("monitor", s.monitor());
            if (!s.isDefaultScope()) {
                // Left out for the default scope, so a 0.1 reader still reads what this build writes.
                g.writeStringField("scope", s.scope());
            }
            g.writeStringField("takenAt", s.takenAt().toString());
            g.writeStringField("cursor", s.cursor());
            g.writeArrayFieldStart("settings");
            for (WatchedSetting setting : s.settings()) {
                g.writeStartObject();
                g.writeStringField("id", setting.id());
                g.writeStringField("name", setting.name());
                g.writeBooleanField("enabled", setting.enabled());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("accounts");
            for (Account a : s.accounts()) {
                g.writeRaw('\n');
                writeAccount(g, a);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /**
     * Reads a snapshot.
     *
     * @param in the document
     * @return the snapshot
     * @throws IOException if it is malformed, or of a newer schema ({@link NewerSchemaException})
     */
    public Snapshot readSnapshot(InputStream in) throws IOException {
        try (JsonParser p = factory.createParser(in)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "the snapshot");
            String monitor = null;
            String scope = Snapshot.DEFAULT_SCOPE;
            Instant takenAt = null;
            String cursor = "";
            List<WatchedSetting> settings = new ArrayList<>();
            List<Account> accounts = new ArrayList<>();
            boolean versioned = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "schemaVersion" -> {
                        checkVersion(p);
                        versioned = true;
                    }
                    case "monitor" -> monitor = text(p, field);
                    case "scope" -> scope = text(p, field);
                    case "takenAt" -> takenAt = instant(p, field);
                    case "cursor" -> cursor = text(p, field);
                    case "settings" -> {
                        readArray(p, field, StoreJson::readSetting, settings);
                    }
                    case "accounts" -> {
                        readArray(p, field, StoreJson::readAccount, accounts);
                    }
                    default -> p.skipChildren();
                }
            }
            finish(p, "the snapshot", versioned);
            return new Snapshot(required(monitor, "monitor"), scope, required(takenAt, "takenAt"), accounts, settings, cursor);
        }
    }

    /**
     * The pending deliveries and the dead letters, kept in one document.
     *
     * @param pending the deliveries waiting
     * @param dead    the dead letters
     */
    public record Deliveries(List<PendingDelivery> pending, List<PendingDelivery> dead) {
        /** Copies the lists. */
        public Deliveries {
            pending = List.copyOf(pending);
            dead = List.copyOf(dead);
        }

        // The store SPI's delivery operations as changes of this value, so every store that keeps
        // the deliveries as one document applies them alike.

        /**
         * @param parked deliveries to add; one whose key is pending replaces it in its place
         * @return the deliveries after {@code park}
         */
        public Deliveries park(List<PendingDelivery> parked) {
            Map<String, PendingDelivery> byKey = byKey(pending);
            parked.forEach(d -> byKey.put(d.key(), d));
            return new Deliveries(List.copyOf(byKey.values()), dead);
        }

        /**
         * @param keys the keys delivered
         * @return the deliveries after {@code acknowledge}
         */
        public Deliveries acknowledge(java.util.Collection<String> keys) {
            java.util.Set<String> gone = java.util.Set.copyOf(keys);
            return new Deliveries(pending.stream().filter(d -> !gone.contains(d.key())).toList(), dead);
        }

        /**
         * @param keys the pending keys to give up on
         * @return the deliveries after {@code bury}
         */
        public Deliveries bury(java.util.Collection<String> keys) {
            java.util.Set<String> buried = java.util.Set.copyOf(keys);
            Map<String, PendingDelivery> byKey = byKey(dead);
            pending.stream().filter(d -> buried.contains(d.key())).forEach(d -> byKey.put(d.key(), d));
            return new Deliveries(pending.stream().filter(d -> !buried.contains(d.key())).toList(), List.copyOf(byKey.values()));
        }

        /**
         * @param keys the dead letters to try again
         * @param now  their new parking time; their attempts start afresh
         * @return the deliveries after {@code revive}
         */
        public Deliveries revive(java.util.Collection<String> keys, java.time.Instant now) {
            java.util.Set<String> revived = java.util.Set.copyOf(keys);
            Map<String, PendingDelivery> byKey = byKey(pending);
            dead.stream().filter(d -> revived.contains(d.key()))
                    .forEach(d -> byKey.put(d.key(), new PendingDelivery(d.notifier(), d.change(), now, 1)));
            return new Deliveries(List.copyOf(byKey.values()), dead.stream().filter(d -> !revived.contains(d.key())).toList());
        }

        /**
         * @param keys the dead letters to forget
         * @return the deliveries after {@code dropDeadLetters}
         */
        public Deliveries dropDead(java.util.Collection<String> keys) {
            java.util.Set<String> dropped = java.util.Set.copyOf(keys);
            return new Deliveries(pending, dead.stream().filter(d -> !dropped.contains(d.key())).toList());
        }

        private static Map<String, PendingDelivery> byKey(List<PendingDelivery> list) {
            Map<String, PendingDelivery> byKey = new java.util.LinkedHashMap<>();
            list.forEach(d -> byKey.put(d.key(), d));
            return byKey;
        }
    }

    /**
     * Writes deliveries.
     *
     * @param all the deliveries
     * @param out where to
     * @throws IOException if they cannot be written
     */
    public void writePending(Deliveries all, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            writeDeliveries(g, "pending", all.pending());
            // Left out when empty, so a file without dead letters is the file 0.1 wrote.
            if (!all.dead().isEmpty()) {
                writeDeliveries(g, "deadLetters", all.dead());
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeDeliveries(JsonGenerator g, String field, List<PendingDelivery> list) throws IOException {
        g.writeArrayFieldStart(field);
        for (PendingDelivery d : list) {
            g.writeRaw('\n');
            g.writeStartObject();
            g.writeStringField("notifier", d.notifier());
            g.writeStringField("parkedAt", d.parkedAt().toString());
            g.writeNumberField("attempts", d.attempts());
            g.writeFieldName("change");
            writeChange(g, d.change());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Reads deliveries.
     *
     * @param in the document
     * @return the deliveries
     * @throws IOException if it is malformed
     */
    public Deliveries readPending(InputStream in) throws IOException {
        try (JsonParser p = factory.createParser(in)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "the pending deliveries");
            List<PendingDelivery> out = new ArrayList<>();
            List<PendingDelivery> dead = new ArrayList<>();
            boolean versioned = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("schemaVersion")) {
                    checkVersion(p);
                    versioned = true;
                } else if (field.equals("pending")) {
                    readArray(p, field, StoreJson::readPendingDelivery, out);
                } else if (field.equals("deadLetters")) {
                    readArray(p, field, StoreJson::readPendingDelivery, dead);
                } else {
                    p.skipChildren();
                }
            }
            finish(p, "the pending deliveries", versioned);
            return new Deliveries(out, dead);
        }
    }

    /**
     * One history record as one line of JSON, ending in a newline.
     *
     * @param r   the record
     * @param out where to
     * @throws IOException if it cannot be written
     */
    public void writeHistoryLine(HistoryRecord r, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("at", r.at().toString());
            g.writeStringField("monitor", r.monitor());
            g.writeStringField("scope", r.scope());
            g.writeNumberField("accounts", r.accounts());
            g.writeNumberField("withoutMfa", r.withoutMfa());
            g.writeNumberField("weak", r.weak());
            g.writeNumberField("exempt", r.exempt());
            g.writeArrayFieldStart("changes");
            for (Change c : r.changes()) {
                writeChange(g, c);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** Reads one history line (without its newline). */
    /**
     * Reads one history line.
     *
     * @param line the line
     * @return the record
     * @throws IOException if it is malformed
     */
    public HistoryRecord readHistoryLine(String line) throws IOException {
        try (JsonParser p = factory.createParser(line)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "a history record");
            Map<String, Object> f = new LinkedHashMap<>();
            List<Change> changes = new ArrayList<>();
            boolean versioned = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "schemaVersion" -> {
                        checkVersion(p);
                        versioned = true;
                    }
                    case "at" -> f.put(field, instant(p, field));
                    case "monitor", "scope" -> f.put(field, text(p, field));
                    case "accounts", "withoutMfa", "weak", "exempt" -> f.put(field, integer(p, field));
                    case "changes" -> {
                        readArray(p, field, StoreJson::readChange, changes);
                    }
                    default -> p.skipChildren();
                }
            }
            finish(p, "a history record", versioned);
            return new HistoryRecord((Instant) required(f.get("at"), "at"), (String) required(f.get("monitor"), "monitor"),
                    (String) required(f.get("scope"), "scope"), (Integer) required(f.get("accounts"), "accounts"),
                    (Integer) required(f.get("withoutMfa"), "withoutMfa"), (Integer) required(f.get("weak"), "weak"),
                    (Integer) required(f.get("exempt"), "exempt"), changes);
        }
    }

    private static void writeAccount(JsonGenerator g, Account a) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", a.id().value());
        g.writeStringField("name", a.name());
        g.writeStringField("state", a.state().name());
        // Defaults are left out: most accounts are strong and ordinary, and a million of them add up.
        if (a.weak()) {
            g.writeBooleanField("weak", true);
        }
        if (a.critical()) {
            g.writeBooleanField("critical", true);
        }
        writeDetails(g, a.details());
        g.writeEndObject();
    }

    private static void writeDetails(JsonGenerator g, Map<String, String> details) throws IOException {
        if (details.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("details");
        for (Map.Entry<String, String> e : details.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeChange(JsonGenerator g, Change c) throws IOException {
        g.writeStartObject();
        g.writeStringField("monitor", c.monitor());
        if (!Snapshot.DEFAULT_SCOPE.equals(c.scope())) {
            g.writeStringField("scope", c.scope());
        }
        g.writeStringField("kind", c.kind().name());
        g.writeStringField("severity", c.severity().name());
        g.writeStringField("subjectId", c.subjectId().value());
        g.writeStringField("subjectName", c.subjectName());
        if (c.before() != null) {
            g.writeFieldName("before");
            writeAccount(g, c.before());
        }
        if (c.after() != null) {
            g.writeFieldName("after");
            writeAccount(g, c.after());
        }
        g.writeStringField("at", c.at().toString());
        g.writeStringField("basis", c.basis());
        writeDetails(g, c.details());
        if (c.rule() != null) {
            FindingRule r = c.rule();
            g.writeObjectFieldStart("rule");
            g.writeStringField("id", r.id());
            g.writeStringField("title", r.title());
            g.writeStringField("description", r.description());
            g.writeStringField("category", r.category());
            g.writeStringField("severity", r.severity().name());
            g.writeStringField("remediation", r.remediation());
            g.writeStringField("link", r.link());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static FindingRule readRule(JsonParser p) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, "rule");
        Map<String, String> f = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            f.put(field, text(p, "rule." + field));
        }
        try {
            return new FindingRule(required(f.get("id"), "rule.id"), required(f.get("title"), "rule.title"),
                    required(f.get("description"), "rule.description"), required(f.get("category"), "rule.category"),
                    enumValue(Severity.class, required(f.get("severity"), "rule.severity"), "rule.severity"),
                    required(f.get("remediation"), "rule.remediation"), f.getOrDefault("link", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException("field 'rule' is not a rule: " + e.getMessage());
        }
    }

    private static Account readAccount(JsonParser p) throws IOException {
        String id = null;
        String name = null;
        MfaState state = null;
        boolean weak = false;
        boolean critical = false;
        Map<String, String> details = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> id = text(p, field);
                case "name" -> name = text(p, field);
                case "state" -> state = enumValue(MfaState.class, text(p, field), field);
                case "weak" -> weak = bool(p, field);
                case "critical" -> critical = bool(p, field);
                case "details" -> details = readDetails(p);
                default -> p.skipChildren();
            }
        }
        return new Account(AccountId.of(required(id, "id")), required(name, "name"), required(state, "state"), weak,
                critical, details);
    }

    private static WatchedSetting readSetting(JsonParser p) throws IOException {
        String id = null;
        String name = null;
        Boolean enabled = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> id = text(p, field);
                case "name" -> name = text(p, field);
                case "enabled" -> enabled = bool(p, field);
                default -> p.skipChildren();
            }
        }
        return new WatchedSetting(required(id, "id"), required(name, "name"), required(enabled, "enabled"));
    }

    private static PendingDelivery readPendingDelivery(JsonParser p) throws IOException {
        String notifier = null;
        Instant parkedAt = null;
        Integer attempts = null;
        Change change = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "notifier" -> notifier = text(p, field);
                case "parkedAt" -> parkedAt = instant(p, field);
                case "attempts" -> attempts = integer(p, field);
                case "change" -> {
                    expect(p, p.currentToken(), JsonToken.START_OBJECT, field);
                    change = readChange(p);
                }
                default -> p.skipChildren();
            }
        }
        return new PendingDelivery(required(notifier, "notifier"), required(change, "change"),
                required(parkedAt, "parkedAt"), required(attempts, "attempts"));
    }

    private static Change readChange(JsonParser p) throws IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        Map<String, String> details = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "monitor", "scope", "subjectId", "subjectName", "basis" -> f.put(field, text(p, field));
                case "rule" -> f.put(field, readRule(p));
                case "kind" -> f.put(field, enumValue(ChangeKind.class, text(p, field), field));
                case "severity" -> f.put(field, enumValue(Severity.class, text(p, field), field));
                case "at" -> f.put(field, instant(p, field));
                case "before", "after" -> {
                    expect(p, p.currentToken(), JsonToken.START_OBJECT, field);
                    f.put(field, readAccount(p));
                }
                case "details" -> details = readDetails(p);
                default -> p.skipChildren();
            }
        }
        return new Change((String) required(f.get("monitor"), "monitor"), (String) f.getOrDefault("scope", Snapshot.DEFAULT_SCOPE),
                (ChangeKind) required(f.get("kind"), "kind"),
                (Severity) required(f.get("severity"), "severity"),
                AccountId.of((String) required(f.get("subjectId"), "subjectId")),
                (String) required(f.get("subjectName"), "subjectName"), (Account) f.get("before"), (Account) f.get("after"),
                (Instant) required(f.get("at"), "at"), details, false,
                // 0.1 kept no basis: its ids hashed the scan time, which this keeps for what it parked.
                (String) f.getOrDefault("basis", ((Instant) required(f.get("at"), "at")).toString()), (FindingRule) f.get("rule"));
    }

    private static Map<String, String> readDetails(JsonParser p) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, "details");
        Map<String, String> details = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            details.put(key, text(p, "details." + key));
        }
        return details;
    }

    /** Reads one item of an array of objects, the parser on the item's START_OBJECT. */
    @FunctionalInterface
    private interface ItemReader<T> {
        T read(JsonParser p) throws IOException;
    }

    /** Reads an array of objects, the parser on its START_ARRAY, into {@code into}. */
    private static <T> void readArray(JsonParser p, String field, ItemReader<T> item, List<T> into) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY, field);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            into.add(item.read(p));
        }
        expect(p, p.currentToken(), JsonToken.END_ARRAY, field);
    }

    /** Checks that a top-level object ended, nothing follows it, and it said which version wrote it. */
    private static void finish(JsonParser p, String what, boolean versioned) throws IOException {
        expect(p, p.currentToken(), JsonToken.END_OBJECT, what);
        expectEnd(p);
        if (!versioned) {
            throw new IOException("missing field 'schemaVersion'");
        }
    }

    private static void checkVersion(JsonParser p) throws IOException {
        int version = integer(p, "schemaVersion");
        if (version > SCHEMA_VERSION) {
            throw new NewerSchemaException(version);
        }
        if (version < 1) {
            throw new IOException("schemaVersion " + version + " is not a version");
        }
    }

    private static String text(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IOException("field '" + field + "' should be a string, not " + p.currentToken() + location(p));
        }
        return p.getText();
    }

    private static boolean bool(JsonParser p, String field) throws IOException {
        if (!p.currentToken().isBoolean()) {
            throw new IOException("field '" + field + "' should be true or false, not " + p.currentToken() + location(p));
        }
        return p.getBooleanValue();
    }

    private static int integer(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException("field '" + field + "' should be a whole number, not " + p.currentToken() + location(p));
        }
        return p.getIntValue();
    }

    private static Instant instant(JsonParser p, String field) throws IOException {
        String text = text(p, field);
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException("field '" + field + "' is not an ISO-8601 instant: " + text + location(p), e);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) throws IOException {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IOException("field '" + field + "' has the unknown value " + value, e);
        }
    }

    private static <T> T required(@Nullable T value, String field) throws IOException {
        if (value == null) {
            throw new IOException("missing field '" + field + "'");
        }
        return value;
    }

    private static void expect(JsonParser p, @Nullable JsonToken got, JsonToken want, String what) throws IOException {
        if (got != want) {
            throw new IOException("expected " + want + " in " + what + " but found " + (got == null ? "the end of the file" : got)
                    + location(p));
        }
    }

    private static void expectEnd(JsonParser p) throws IOException {
        JsonToken after = p.nextToken();
        if (after != null) {
            throw new IOException("unexpected " + after + " after the end of the document" + location(p));
        }
    }

    private static String location(JsonParser p) {
        return " (line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr() + ")";
    }

    /** The document was written by a newer mfa-watch. */
    public static final class NewerSchemaException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int version;

        NewerSchemaException(int version) {
            super("schema version " + version);
            this.version = version;
        }

        /** @return the schema version the document has */
        public int version() {
            return version;
        }
    }
}
