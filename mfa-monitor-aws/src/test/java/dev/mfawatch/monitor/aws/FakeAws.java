package dev.mfawatch.monitor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for IAM and STS (the AWS query protocol: form-encoded POSTs answered with
 * XML) and CloudTrail (JSON 1.1 with {@code X-Amz-Target}), holding a small account's state. It
 * serves the real wire format, so the real SDK clients talk to it through an endpoint override, and
 * it counts every call by action and region.
 */
final class FakeAws extends LoopbackHttpService {

    static final String ACCOUNT = "123456789012";
    static final String ROOT_ARN = "arn:aws:iam::" + ACCOUNT + ":root";

    /** This fake's account id: {@link #ACCOUNT} unless a fleet gives it another. */
    final String account;
    /** The root's credentials, as GetAccountSummary counts them. */
    volatile boolean rootPassword = true;
    volatile boolean rootAccessKeys;

    FakeAws() {
        this(ACCOUNT);
    }

    FakeAws(String account) {
        this.account = account;
    }

    String rootArn() {
        return "arn:aws:iam::" + account + ":root";
    }
    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern REGION = Pattern.compile("Credential=([^/]+)/\\d{8}/([a-z0-9-]+)/");

    /** An IAM user of the fake account. */
    static final class User {
        final String name;
        final Instant created;
        boolean password;
        Instant passwordLastUsed;
        final List<String> mfaSerials = new ArrayList<>();
        boolean virtualMfa;
        final String account;

        User(String name, Instant created) {
            this(name, created, ACCOUNT);
        }

        User(String name, Instant created, String account) {
            this.name = name;
            this.created = created;
            this.account = account;
        }

        String arn() {
            return "arn:aws:iam::" + account + ":user/" + name;
        }
    }

    /** A CloudTrail event. */
    record TrailEvent(String id, String name, Instant time, String json) {
    }

    /** A canned error answer. */
    record Failure(int status, String code, String message) {
    }

    final Map<String, User> users = Collections.synchronizedMap(new TreeMap<>());
    volatile boolean rootMfa = true;
    volatile boolean rootVirtual;
    volatile Instant reportGeneratedAt = Instant.parse("2026-01-05T07:00:00Z");
    /** States GenerateCredentialReport answers in turn; the last one repeats. */
    final Deque<String> reportStates = new ArrayDeque<>(List.of("COMPLETE"));
    /** A report to serve instead of one made from the users. */
    volatile String reportOverride;
    final Map<String, Deque<Failure>> failures = new HashMap<>();
    final Map<String, String> malformed = new HashMap<>();
    final Map<String, List<TrailEvent>> trail = new HashMap<>();
    volatile int trailPageSize = 50;
    volatile int iamPageSizeCap = 1000;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<String> accessKeys = Collections.synchronizedList(new ArrayList<>());
    final List<JsonNode> lookups = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requestIds = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();

    URI endpoint() {
        return baseUri();
    }

    User user(String name, boolean password, boolean mfa) {
        User u = new User(name, Instant.parse("2024-03-01T10:00:00Z").plusSeconds(users.size() * 60L), account);
        u.password = password;
        if (password) {
            u.passwordLastUsed = Instant.parse("2026-01-04T09:30:00Z");
        }
        if (mfa) {
            u.mfaSerials.add("arn:aws:iam::" + account + ":mfa/" + name);
            u.virtualMfa = true;
        }
        users.put(name, u);
        return u;
    }

    void fail(String action, int status, String code, String message) {
        synchronized (failures) {
            failures.computeIfAbsent(action, a -> new ArrayDeque<>()).add(new Failure(status, code, message));
        }
    }

    void event(String region, String id, String name, Instant time, String cloudTrailJson) {
        synchronized (trail) {
            trail.computeIfAbsent(region, r -> new ArrayList<>()).add(new TrailEvent(id, name, time, cloudTrailJson));
        }
    }

    int count(String action) {
        synchronized (calls) {
            return (int) calls.stream().filter(c -> c.startsWith(action + "@")).count();
        }
    }

    int totalCalls() {
        return calls.size();
    }

    /** The credential report IAM would write for the current users, with every column IAM has. */
    String report() {
        if (reportOverride != null) {
            return reportOverride;
        }
        StringBuilder sb = new StringBuilder("user,arn,user_creation_time,password_enabled,password_last_used,"
                + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
                + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
                + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
                + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
        sb.append("<root_account>,").append(rootArn()).append(",2019-05-01T08:00:00+00:00,not_supported,")
                .append("2026-01-02T11:00:00+00:00,not_supported,not_supported,").append(rootMfa)
                .append(",false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        synchronized (users) {
            for (User u : users.values()) {
                sb.append(u.name).append(',').append(u.arn()).append(',').append(u.created.toString().replace("Z", "+00:00"))
                        .append(',').append(u.password).append(',')
                        .append(!u.password ? "N/A" : u.passwordLastUsed == null ? "no_information"
                                : u.passwordLastUsed.toString().replace("Z", "+00:00"))
                        .append(',').append(u.password ? "2025-06-01T00:00:00+00:00" : "N/A").append(",N/A,")
                        .append(!u.mfaSerials.isEmpty())
                        .append(",true,2025-01-01T00:00:00+00:00,2026-01-04T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
            }
        }
        return sb.toString();
    }

    @Override
    protected void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            Matcher m = REGION.matcher(auth);
            boolean signed = m.find();
            String region = signed ? m.group(2) : "?";
            accessKeys.add(signed ? m.group(1) : "?");
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null) {
                String action = target.substring(target.lastIndexOf('.') + 1);
                calls.add(action + "@" + region);
                cloudTrail(ex, action, region, body);
                return;
            }
            Map<String, String> form = form(body);
            String action = form.getOrDefault("Action", "?");
            calls.add(action + "@" + region);
            Failure f = nextFailure(action);
            if (f != null) {
                answer(ex, f.status(), "text/xml", "<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type><Code>"
                        + f.code() + "</Code><Message>" + f.message() + "</Message></Error><RequestId>" + id()
                        + "</RequestId></ErrorResponse>");
                return;
            }
            if (malformed.containsKey(action)) {
                answer(ex, 200, "text/xml", malformed.get(action));
                return;
            }
            String xml = iam(action, form);
            if (xml == null) {
                answer(ex, 404, "text/xml", "<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type>"
                        + "<Code>NoSuchEntity</Code><Message>not found</Message></Error><RequestId>" + id()
                        + "</RequestId></ErrorResponse>");
            } else {
                answer(ex, 200, "text/xml", xml);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private Failure nextFailure(String action) {
        synchronized (failures) {
            Deque<Failure> q = failures.get(action);
            return q == null ? null : q.poll();
        }
    }

    private String iam(String action, Map<String, String> form) {
        return switch (action) {
            case "GenerateCredentialReport" -> {
                String state;
                synchronized (reportStates) {
                    state = reportStates.size() > 1 ? reportStates.poll() : reportStates.peek();
                }
                yield wrap(action, "<Description>report</Description><State>" + state + "</State>");
            }
            case "GetCredentialReport" -> wrap(action, "<Content>"
                    + Base64.getEncoder().encodeToString(report().getBytes(StandardCharsets.UTF_8))
                    + "</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>" + reportGeneratedAt + "</GeneratedTime>");
            case "ListUsers" -> listUsers(form);
            case "GetUser" -> {
                User u = users.get(form.get("UserName"));
                yield u == null ? null : wrap(action, "<User>" + userXml(u) + "</User>");
            }
            case "GetLoginProfile" -> {
                User u = users.get(form.get("UserName"));
                yield u == null || !u.password ? null : wrap(action, "<LoginProfile><UserName>" + u.name
                        + "</UserName><CreateDate>2025-06-01T00:00:00Z</CreateDate><PasswordResetRequired>false"
                        + "</PasswordResetRequired></LoginProfile>");
            }
            case "ListMFADevices" -> {
                User u = users.get(form.get("UserName"));
                if (u == null) {
                    yield null;
                }
                StringBuilder sb = new StringBuilder("<MFADevices>");
                for (String serial : u.mfaSerials) {
                    sb.append("<member><UserName>").append(u.name).append("</UserName><SerialNumber>").append(serial)
                            .append("</SerialNumber><EnableDate>2025-02-01T00:00:00Z</EnableDate></member>");
                }
                yield wrap(action, sb.append("</MFADevices><IsTruncated>false</IsTruncated>").toString());
            }
            case "ListVirtualMFADevices" -> listVirtual(form);
            case "GetAccountSummary" -> wrap(action, "<SummaryMap><entry><key>Users</key><value>" + users.size()
                    + "</value></entry><entry><key>AccountMFAEnabled</key><value>" + (rootMfa ? 1 : 0)
                    + "</value></entry><entry><key>AccountPasswordPresent</key><value>" + (rootPassword ? 1 : 0)
                    + "</value></entry><entry><key>AccountAccessKeysPresent</key><value>" + (rootAccessKeys ? 1 : 0)
                    + "</value></entry></SummaryMap>");
            case "GetCallerIdentity" -> "<GetCallerIdentityResponse xmlns=\"" + STS_NS + "\"><GetCallerIdentityResult><Arn>"
                    + "arn:aws:iam::" + account + ":user/auditor</Arn><UserId>AIDAEXAMPLE</UserId><Account>" + account
                    + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>" + id()
                    + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
            case "AssumeRole" -> "<AssumeRoleResponse xmlns=\"" + STS_NS + "\"><AssumeRoleResult><Credentials>"
                    + "<AccessKeyId>ASIAASSUMED</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey>"
                    + "<SessionToken>assumed-session</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>"
                    + "</Credentials><AssumedRoleUser><AssumedRoleId>AROA:mfa-watch</AssumedRoleId><Arn>"
                    + form.get("RoleArn") + "/mfa-watch</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>"
                    + id() + "</RequestId></ResponseMetadata></AssumeRoleResponse>";
            default -> throw new IllegalStateException("the fake does not serve " + action);
        };
    }

    private String listUsers(Map<String, String> form) {
        List<User> all;
        synchronized (users) {
            all = new ArrayList<>(users.values());
        }
        int max = Math.min(Integer.parseInt(form.getOrDefault("MaxItems", "100")), iamPageSizeCap);
        int from = Integer.parseInt(form.getOrDefault("Marker", "0"));
        int to = Math.min(all.size(), from + max);
        StringBuilder sb = new StringBuilder("<Users>");
        for (User u : all.subList(from, to)) {
            sb.append("<member>").append(userXml(u)).append("</member>");
        }
        sb.append("</Users><IsTruncated>").append(to < all.size()).append("</IsTruncated>");
        if (to < all.size()) {
            sb.append("<Marker>").append(to).append("</Marker>");
        }
        return wrap("ListUsers", sb.toString());
    }

    private String listVirtual(Map<String, String> form) {
        List<String> members = new ArrayList<>();
        String rootDevice = null;
        if (rootMfa && rootVirtual) {
            rootDevice = ("<member><SerialNumber>arn:aws:iam::" + account + ":mfa/root-account-mfa-device</SerialNumber>"
                    + "<User><Path>/</Path><UserName>" + account + "</UserName><UserId>" + account + "</UserId><Arn>"
                    + rootArn() + "</Arn><CreateDate>2019-05-01T08:00:00Z</CreateDate></User>"
                    + "<EnableDate>2025-01-01T00:00:00Z</EnableDate></member>");
        }
        synchronized (users) {
            for (User u : users.values()) {
                if (u.virtualMfa && !u.mfaSerials.isEmpty()) {
                    members.add("<member><SerialNumber>" + u.mfaSerials.get(0) + "</SerialNumber><User>" + userXml(u)
                            + "</User><EnableDate>2025-02-01T00:00:00Z</EnableDate></member>");
                }
            }
        }
        // Last, so a reader that stops at the root's device still pays for every page: the worst case.
        if (rootDevice != null) {
            members.add(rootDevice);
        }
        int max = Math.min(Integer.parseInt(form.getOrDefault("MaxItems", "100")), iamPageSizeCap);
        int from = Integer.parseInt(form.getOrDefault("Marker", "0"));
        int to = Math.min(members.size(), from + max);
        StringBuilder sb = new StringBuilder("<VirtualMFADevices>");
        members.subList(from, to).forEach(sb::append);
        sb.append("</VirtualMFADevices><IsTruncated>").append(to < members.size()).append("</IsTruncated>");
        if (to < members.size()) {
            sb.append("<Marker>").append(to).append("</Marker>");
        }
        return wrap("ListVirtualMFADevices", sb.toString());
    }

    private static String userXml(User u) {
        return "<Path>/</Path><UserName>" + u.name + "</UserName><UserId>AIDA" + u.name.toUpperCase() + "</UserId><Arn>"
                + u.arn() + "</Arn><CreateDate>" + u.created + "</CreateDate>"
                + (u.password && u.passwordLastUsed != null ? "<PasswordLastUsed>" + u.passwordLastUsed + "</PasswordLastUsed>" : "");
    }

    private void cloudTrail(HttpExchange ex, String action, String region, String body) throws IOException {
        Failure f = nextFailure(action + "@" + region);
        if (f == null) {
            f = nextFailure(action);
        }
        if (f != null) {
            ObjectNode err = json.createObjectNode().put("__type", f.code()).put("message", f.message());
            ex.getResponseHeaders().add("x-amzn-ErrorType", f.code());
            answer(ex, f.status(), "application/x-amz-json-1.1", err.toString());
            return;
        }
        if (malformed.containsKey(action)) {
            answer(ex, 200, "application/x-amz-json-1.1", malformed.get(action));
            return;
        }
        JsonNode req = json.readTree(body);
        lookups.add(((ObjectNode) req.deepCopy()).put("region", region));
        String name = req.path("LookupAttributes").path(0).path("AttributeValue").asText();
        Instant start = Instant.ofEpochMilli((long) (req.path("StartTime").asDouble() * 1000));
        Instant end = Instant.ofEpochMilli((long) (req.path("EndTime").asDouble() * 1000));
        List<TrailEvent> matching = new ArrayList<>();
        synchronized (trail) {
            for (TrailEvent e : trail.getOrDefault(region, List.of())) {
                if (e.name().equals(name) && !e.time().isBefore(start) && !e.time().isAfter(end)) {
                    matching.add(e);
                }
            }
        }
        // CloudTrail answers newest first.
        matching.sort((a, b) -> b.time().compareTo(a.time()));
        int from = req.has("NextToken") ? Integer.parseInt(req.get("NextToken").asText()) : 0;
        int to = Math.min(matching.size(), from + trailPageSize);
        ObjectNode out = json.createObjectNode();
        ArrayNode events = out.putArray("Events");
        for (TrailEvent e : matching.subList(from, to)) {
            events.addObject().put("EventId", e.id()).put("EventName", e.name())
                    .put("EventTime", e.time().getEpochSecond() + e.time().getNano() / 1e9)
                    .put("EventSource", name.equals("ConsoleLogin") ? "signin.amazonaws.com" : "iam.amazonaws.com")
                    .put("CloudTrailEvent", e.json());
        }
        if (to < matching.size()) {
            out.put("NextToken", String.valueOf(to));
        }
        answer(ex, 200, "application/x-amz-json-1.1", out.toString());
    }

    /** A ConsoleLogin event as CloudTrail records it. */
    static String consoleLogin(String type, String userName, boolean success, String mfaUsed, String ip, String region) {
        String arn = type.equals("Root") ? ROOT_ARN : "arn:aws:iam::" + ACCOUNT + ":user/" + userName;
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"" + type + "\",\"principalId\":\"AIDAX\",\"arn\":\""
                + arn + "\",\"accountId\":\"" + ACCOUNT + "\"" + (type.equals("Root") ? "" : ",\"userName\":\"" + userName + "\"")
                + "},\"eventTime\":\"2026-01-05T07:50:00Z\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\","
                + "\"awsRegion\":\"" + region + "\",\"sourceIPAddress\":\"" + ip + "\",\"userAgent\":\"Mozilla/5.0\","
                + "\"requestParameters\":null,\"responseElements\":{\"ConsoleLogin\":\"" + (success ? "Success" : "Failure")
                + "\"},\"additionalEventData\":{\"LoginTo\":\"https://console.aws.amazon.com/\",\"MobileVersion\":\"No\","
                + "\"MFAUsed\":\"" + mfaUsed + "\"},\"eventType\":\"AwsConsoleSignIn\",\"recipientAccountId\":\"" + ACCOUNT + "\"}";
    }

    /** An IAM management event as CloudTrail records it. */
    static String iamEvent(String name, String targetUser, String callerType) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"" + callerType + "\",\"arn\":\""
                + (callerType.equals("Root") ? ROOT_ARN : "arn:aws:iam::" + ACCOUNT + ":user/admin") + "\""
                + (callerType.equals("Root") ? "" : ",\"userName\":\"admin\"") + "},\"eventSource\":\"iam.amazonaws.com\","
                + "\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\",\"requestParameters\":"
                + (targetUser == null ? "{}" : "{\"userName\":\"" + targetUser + "\"}") + "}";
    }

    private String wrap(String action, String result) {
        return "<" + action + "Response xmlns=\"" + IAM_NS + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>" + id() + "</RequestId></ResponseMetadata></" + action + "Response>";
    }

    private String id() {
        return "req-" + requestIds.incrementAndGet();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, Map.of("Content-Type", type, "x-amzn-RequestId", "fake"), body);
    }

}
