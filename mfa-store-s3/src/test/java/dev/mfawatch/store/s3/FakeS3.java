package dev.mfawatch.store.s3;

import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback S3 that speaks the REST/XML wire format of the calls the store makes, path-style
 * ({@code /bucket/key}): GetObject, PutObject with {@code If-Match} / {@code If-None-Match: *},
 * DeleteObject with {@code If-Match}, and ListObjectsV2 with paging. It checks what real S3 checks
 * on the way in (a SigV4 authorization with the test's key id, the payload hash, Content-MD5), keeps
 * each object's encryption header, counts every call by operation, and can be told to refuse an
 * operation (403), to refuse unconditional writes (the bucket policy of the README), to answer 409
 * {@code ConditionalRequestConflict}, to redirect, or to stall.
 */
public final class FakeS3 extends LoopbackHttpService {

    /** The key id the fake accepts in a signature. */
    public static final String ACCESS_KEY = "AKIDFAKES3EXAMPLE";
    /** The secret of that key id; it must never appear in a message or a log. */
    public static final String SECRET_KEY = "fakeS3secretKEYthatMustNeverBePrinted0000";

    /** An object as S3 keeps it. */
    public record Obj(byte[] bytes, String etag, String sse, Instant modified) {
        /** @return the body as UTF-8 text */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final String bucket;
    private final Map<String, Obj> objects = new TreeMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private volatile boolean requireConditionalPuts;
    private final AtomicInteger conflicts = new AtomicInteger();
    private volatile int pageSize = 1000;
    private volatile URI redirectTo;
    private volatile long stallMillis;

    /** @param bucket the one bucket this S3 has */
    public FakeS3(String bucket) {
        this.bucket = bucket;
    }

    // ----- what a test sets -------------------------------------------------------------------------

    /** Refuses an operation ({@code GetObject}, {@code PutObject}, {@code DeleteObject}, {@code ListObjectsV2}) with 403. */
    public void deny(String operation) {
        denied.add(operation);
    }

    /** Refuses a PutObject without {@code If-Match} or {@code If-None-Match}, as the README's bucket policy does. */
    public void requireConditionalPuts() {
        requireConditionalPuts = true;
    }

    /** The next {@code n} conditional writes answer 409 ConditionalRequestConflict. */
    public void conflictNext(int n) {
        conflicts.set(n);
    }

    /** @param n how many keys a ListObjectsV2 page holds */
    public void pageSize(int n) {
        pageSize = n;
    }

    /** Answers every request with a 307 to another server. */
    public void redirectTo(URI other) {
        redirectTo = other;
    }

    /** Waits this long before answering. */
    public void stall(long millis) {
        stallMillis = millis;
    }

    /** Puts an object as another writer would. */
    public synchronized void putDirectly(String key, byte[] bytes) {
        objects.put(key, new Obj(bytes.clone(), etag(bytes), "AES256", Instant.now()));
    }

    /** @return the object, or {@code null} */
    public synchronized Obj object(String key) {
        return objects.get(key);
    }

    /** @return every key, sorted */
    public synchronized List<String> keys() {
        return new ArrayList<>(objects.keySet());
    }

    /** @return how often the operation was called */
    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** @return the calls of every operation */
    public Map<String, Integer> calls() {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** @return every call as {@code METHOD key [status]}, in order */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** Forgets the counts and the log. */
    public void resetCounts() {
        calls.clear();
        log.clear();
    }

    // ----- the wire ---------------------------------------------------------------------------------

    @Override
    protected void handle(HttpExchange x) throws IOException {
        if (stallMillis > 0) {
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = x.getRequestBody().readAllBytes();
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        String rest = path.length() > 1 ? path.substring(1) : "";
        int slash = rest.indexOf('/');
        String bucketName = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        String op = switch (method) {
            case "GET" -> key.isEmpty() ? "ListObjectsV2" : "GetObject";
            case "PUT" -> "PutObject";
            case "DELETE" -> "DeleteObject";
            case "HEAD" -> "HeadObject";
            default -> method;
        };
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        int status = answer(x, op, bucketName, key, q, body);
        log.add(method + " " + key + " " + status);
    }

    private int answer(HttpExchange x, String op, String bucketName, String key, Map<String, String> q, byte[] body) throws IOException {
        if (redirectTo != null) {
            x.getResponseHeaders().add("Location", redirectTo + x.getRequestURI().toString());
            x.sendResponseHeaders(307, -1);
            return 307;
        }
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")) {
            return error(x, 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }
        String payload = x.getRequestHeaders().getFirst("x-amz-content-sha256");
        if (payload != null && payload.startsWith("STREAMING")) {
            return error(x, 400, "NotImplemented", "this fake reads plain bodies only; the client sent " + payload);
        }
        if (payload != null && !payload.equals("UNSIGNED-PAYLOAD") && !payload.equals(hex("SHA-256", body))) {
            return error(x, 400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        if (!bucket.equals(bucketName)) {
            return error(x, 404, "NoSuchBucket", "The specified bucket does not exist");
        }
        if (denied.contains(op)) {
            return error(x, 403, "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/mfa-watch is not authorized to perform: "
                    + "s3:" + op.replace("ListObjectsV2", "ListBucket"));
        }
        return switch (op) {
            case "GetObject" -> get(x, key);
            case "PutObject" -> put(x, key, body);
            case "DeleteObject" -> delete(x, key);
            case "ListObjectsV2" -> list(x, q);
            default -> error(x, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        };
    }

    private int get(HttpExchange x, String key) throws IOException {
        Obj o = object(key);
        if (o == null) {
            return error(x, 404, "NoSuchKey", "The specified key does not exist.");
        }
        x.getResponseHeaders().add("ETag", o.etag());
        x.getResponseHeaders().add("Content-Type", "application/octet-stream");
        x.getResponseHeaders().add("x-amz-server-side-encryption", o.sse());
        x.sendResponseHeaders(200, o.bytes().length == 0 ? -1 : o.bytes().length);
        x.getResponseBody().write(o.bytes());
        return 200;
    }

    private int put(HttpExchange x, String key, byte[] body) throws IOException {
        String md5 = x.getRequestHeaders().getFirst("Content-MD5");
        if (md5 != null && !md5.equals(Base64.getEncoder().encodeToString(digest("MD5", body)))) {
            return error(x, 400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
        }
        String ifMatch = x.getRequestHeaders().getFirst("If-Match");
        String ifNoneMatch = x.getRequestHeaders().getFirst("If-None-Match");
        if (requireConditionalPuts && ifMatch == null && ifNoneMatch == null) {
            return error(x, 403, "AccessDenied", "the bucket policy requires s3:if-match or s3:if-none-match");
        }
        if ((ifMatch != null || ifNoneMatch != null) && conflicts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return error(x, 409, "ConditionalRequestConflict", "A conflicting conditional operation is currently in progress against this resource.");
        }
        String sse = x.getRequestHeaders().getFirst("x-amz-server-side-encryption");
        Obj stored;
        synchronized (this) {
            Obj current = objects.get(key);
            if ("*".equals(ifNoneMatch) && current != null) {
                return error(x, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
            }
            if (ifMatch != null && current == null) {
                return error(x, 404, "NoSuchKey", "The specified key does not exist.");
            }
            if (ifMatch != null && !ifMatch.equals(current.etag())) {
                return error(x, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
            }
            stored = new Obj(body, etag(body), sse == null ? "" : sse, Instant.now());
            objects.put(key, stored);
        }
        x.getResponseHeaders().add("ETag", stored.etag());
        if (sse != null) {
            x.getResponseHeaders().add("x-amz-server-side-encryption", sse);
        }
        x.sendResponseHeaders(200, -1);
        return 200;
    }

    private int delete(HttpExchange x, String key) throws IOException {
        String ifMatch = x.getRequestHeaders().getFirst("If-Match");
        synchronized (this) {
            Obj current = objects.get(key);
            if (ifMatch != null && current == null) {
                return error(x, 404, "NoSuchKey", "The specified key does not exist.");
            }
            if (ifMatch != null && !ifMatch.equals(current.etag())) {
                return error(x, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
            }
            objects.remove(key);
        }
        x.sendResponseHeaders(204, -1);
        return 204;
    }

    private int list(HttpExchange x, Map<String, String> q) throws IOException {
        if (!"2".equals(q.get("list-type"))) {
            return error(x, 400, "InvalidArgument", "this fake lists with list-type=2 only");
        }
        String prefix = q.getOrDefault("prefix", "");
        boolean urlEncoded = "url".equals(q.get("encoding-type"));
        int max = Math.min(pageSize, Integer.parseInt(q.getOrDefault("max-keys", "1000")));
        List<Map.Entry<String, Obj>> matching;
        synchronized (this) {
            matching = objects.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        }
        String token = q.get("continuation-token");
        int from = token == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
        int to = Math.min(matching.size(), from + max);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        xml.append("<Name>").append(bucket).append("</Name><Prefix>").append(escape(urlEncoded ? urlEncode(prefix) : prefix)).append("</Prefix>");
        xml.append("<KeyCount>").append(to - from).append("</KeyCount><MaxKeys>").append(max).append("</MaxKeys>");
        if (urlEncoded) {
            xml.append("<EncodingType>url</EncodingType>");
        }
        xml.append("<IsTruncated>").append(to < matching.size()).append("</IsTruncated>");
        for (Map.Entry<String, Obj> e : matching.subList(from, to)) {
            xml.append("<Contents><Key>").append(escape(urlEncoded ? urlEncode(e.getKey()) : e.getKey())).append("</Key><LastModified>")
                    .append(e.getValue().modified()).append("</LastModified><ETag>").append(escape(e.getValue().etag()))
                    .append("</ETag><Size>").append(e.getValue().bytes().length).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        if (to < matching.size()) {
            xml.append("<NextContinuationToken>").append(Base64.getEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)))
                    .append("</NextContinuationToken>");
        }
        xml.append("</ListBucketResult>");
        send(x, 200, "application/xml", xml.toString());
        return 200;
    }

    private static int error(HttpExchange x, int status, String code, String message) throws IOException {
        send(x, status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message><RequestId>FAKE0001</RequestId><HostId>fake</HostId></Error>");
        return status;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    private static String etag(byte[] body) {
        return "\"" + hex("MD5", body) + "\"";
    }

    private static String hex(String algorithm, byte[] body) {
        return HexFormat.of().formatHex(digest(algorithm, body));
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
