package dev.mfawatch.exemptions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.spi.ExemptionLoader;
import dev.mfawatch.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code mfawatch.exemptions.file} in JSON ({@code .json}) or YAML ({@code .yaml}, {@code .yml}):
 * <pre>
 * exemptions:
 *   - monitor: aws
 *     account: arn:aws:iam::123456789012:user/break-glass
 *     reason: Break-glass account; its hardware token is in the safe.
 *     expires: 2027-03-31
 * </pre>
 * {@code account} is the account's stable id, or {@code name:} and its display name (matched with a
 * warning each run: a name can pass to another account after a rename); {@code expires} is the last
 * day (UTC) it holds.
 */
public final class ExemptionFileLoader implements ExemptionLoader {

    private static final String KEY = "mfawatch.exemptions.file";

    /** Creates the loader; does no work. */
    public ExemptionFileLoader() {
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public boolean reads(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    @Override
    public List<Exemption> load(Path file) {
        JsonFactory factory = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? new JsonFactory() : new YAMLFactory();
        try (InputStream in = Files.newInputStream(file); JsonParser p = factory.createParser(in)) {
            List<Exemption> out = new ArrayList<>();
            expect(p.nextToken(), JsonToken.START_OBJECT, file, "the document");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("exemptions")) {
                    throw problem(file, "unknown field '" + field + "' (the file holds one list, 'exemptions')");
                }
                expect(p.currentToken(), JsonToken.START_ARRAY, file, "'exemptions'");
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    out.add(entry(p, file, out.size() + 1));
                }
            }
            return out;
        } catch (NoSuchFileException e) {
            throw problem(file, "no such file");
        } catch (JsonProcessingException e) {
            throw problem(file, "not valid " + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e.getMessage());
        }
    }

    private static Exemption entry(JsonParser p, Path file, int n) throws IOException {
        Map<String, String> f = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                throw problem(file, "entry " + n + ": field '" + name + "' should be a single value");
            }
            f.put(name, p.getValueAsString(""));
        }
        for (String required : List.of("monitor", "account", "reason", "expires")) {
            if (f.getOrDefault(required, "").isBlank()) {
                throw problem(file, "entry " + n + " has no '" + required + "'");
            }
        }
        LocalDate expires;
        try {
            expires = LocalDate.parse(f.get("expires"));
        } catch (DateTimeParseException e) {
            throw problem(file, "entry " + n + ": expires=" + f.get("expires") + " is not a date (YYYY-MM-DD)");
        }
        return new Exemption(f.get("monitor"), f.get("account"), f.get("reason"), expires);
    }

    private static void expect(JsonToken got, JsonToken want, Path file, String what) {
        if (got != want) {
            throw problem(file, "expected " + (want == JsonToken.START_OBJECT ? "an object" : "a list") + " in " + what);
        }
    }

    private static ConfigurationException problem(Path file, String what) {
        return new ConfigurationException(KEY, KEY + "=" + file + ": " + what);
    }
}
