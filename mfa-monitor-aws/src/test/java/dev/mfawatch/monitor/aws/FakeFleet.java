package dev.mfawatch.monitor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback AWS organisation: Organizations (JSON 1.1: DescribeOrganization, ListAccounts,
 * ListAccountsForParent, ListOrganizationalUnitsForParent, 20 a page), STS across accounts (AssumeRole
 * hands out keys that name the account, GetCallerIdentity answers for whoever signs), IAM's
 * ListOrganizationsFeatures, and every other IAM or CloudTrail call served by the {@link FakeAws} of
 * the account whose keys signed it. An optional delay is added to every call, for the benchmark.
 */
final class FakeFleet extends LoopbackHttpService {

    static final String MANAGEMENT = "000000000000";
    private static final Pattern KEY = Pattern.compile("Credential=([^/]+)/");

    /** One account of the organisation. */
    static final class Member {
        final FakeAws aws;
        String name;
        String status = "ACTIVE";
        String parent = "r-root";
        boolean roleAssumable = true;

        Member(FakeAws aws, String name) {
            this.aws = aws;
            this.name = name;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    final Map<String, Member> members = Collections.synchronizedMap(new LinkedHashMap<>());
    /** OU id → parent id. */
    final Map<String, String> ous = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Set<String> assumedRoles = ConcurrentHashMap.newKeySet();
    /** Role ARN → the access key that signed its AssumeRole. */
    final Map<String, String> assumedWith = new ConcurrentHashMap<>();
    volatile boolean rootCredentialsManagement;
    volatile boolean featuresAllowed = true;
    volatile long delayMillis;
    volatile String caller = MANAGEMENT;

    FakeFleet() {
        account(MANAGEMENT, "management");
    }

    /** Adds an account, with a root that has MFA and no users. */
    Member account(String id, String name) {
        FakeAws aws = new FakeAws(id);
        aws.close();
        Member m = new Member(aws, name);
        members.put(id, m);
        return m;
    }

    FakeAws aws(String id) {
        return members.get(id).aws;
    }

    int count(String action) {
        synchronized (calls) {
            return (int) calls.stream().filter(c -> c.startsWith(action + "@")).count();
        }
    }

    @Override
    protected void handle(HttpExchange ex) throws IOException {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
        Matcher m = KEY.matcher(auth);
        String key = m.find() ? m.group(1) : "?";
        String account = key.startsWith("ASIAFLEET") ? key.substring("ASIAFLEET".length()) : caller;
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.startsWith("AWSOrganizationsV20161128.")) {
            String action = target.substring(target.lastIndexOf('.') + 1);
            calls.add(action + "@" + account);
            organizations(ex, action, json.readTree(body.length == 0 ? "{}".getBytes() : body));
            return;
        }
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String action = target != null ? target.substring(target.lastIndexOf('.') + 1) : form.getOrDefault("Action", "?");
        calls.add(action + "@" + account);
        switch (action) {
            case "AssumeRole" -> {
                assumedWith.put(form.getOrDefault("RoleArn", ""), key);
                assumeRole(ex, form);
            }
            case "GetCallerIdentity" -> xml(ex, 200, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<GetCallerIdentityResult><Arn>arn:aws:" + (account.equals(caller) ? "iam::" + account + ":user/auditor"
                    : "sts::" + account + ":assumed-role/mfa-watch-audit/mfa-watch") + "</Arn><UserId>AIDAEXAMPLE</UserId><Account>"
                    + account + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
                    + "</GetCallerIdentityResponse>");
            case "ListOrganizationsFeatures" -> {
                if (!featuresAllowed) {
                    xml(ex, 403, error("AccessDenied", "User is not authorized to perform: iam:ListOrganizationsFeatures"));
                    return;
                }
                xml(ex, 200, "<ListOrganizationsFeaturesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                        + "<ListOrganizationsFeaturesResult><OrganizationId>o-exampleorgid</OrganizationId><EnabledFeatures>"
                        + (rootCredentialsManagement ? "<member>RootCredentialsManagement</member><member>RootSessions</member>" : "")
                        + "</EnabledFeatures></ListOrganizationsFeaturesResult><ResponseMetadata><RequestId>r</RequestId>"
                        + "</ResponseMetadata></ListOrganizationsFeaturesResponse>");
            }
            default -> {
                Member member = members.get(account);
                if (member == null) {
                    xml(ex, 403, error("InvalidClientTokenId", "The security token included in the request is invalid."));
                    return;
                }
                ex.setStreams(new ByteArrayInputStream(body), null);
                member.aws.handle(ex);
            }
        }
    }

    private void assumeRole(HttpExchange ex, Map<String, String> form) throws IOException {
        String arn = form.getOrDefault("RoleArn", "");
        Matcher m = Pattern.compile("arn:aws:iam::(\\d{12}):role/(.+)").matcher(arn);
        Member target = m.matches() ? members.get(m.group(1)) : null;
        if (target == null || !target.roleAssumable || !Set.of("mfa-watch-audit", "custom-audit", "hub").contains(m.group(2))) {
            xml(ex, 403, error("AccessDenied", "User: arn:aws:iam::" + caller + ":user/auditor is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + arn));
            return;
        }
        assumedRoles.add(arn);
        xml(ex, 200, "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
                + "<AccessKeyId>ASIAFLEET" + m.group(1) + "</AccessKeyId><SecretAccessKey>fleet-secret</SecretAccessKey>"
                + "<SessionToken>fleet-session</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                + "<AssumedRoleUser><AssumedRoleId>AROA:mfa-watch</AssumedRoleId><Arn>" + arn + "/mfa-watch</Arn></AssumedRoleUser>"
                + "</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>");
    }

    private void organizations(HttpExchange ex, String action, JsonNode req) throws IOException {
        switch (action) {
            case "DescribeOrganization" -> {
                ObjectNode n = json.createObjectNode();
                n.putObject("Organization").put("Id", "o-exampleorgid").put("MasterAccountId", MANAGEMENT)
                        .put("Arn", "arn:aws:organizations::" + MANAGEMENT + ":organization/o-exampleorgid").put("FeatureSet", "ALL");
                amz(ex, 200, n.toString());
            }
            case "ListAccounts" -> page(ex, req, "Accounts", new ArrayList<>(members.keySet()));
            case "ListAccountsForParent" -> {
                String parent = req.path("ParentId").asText();
                List<String> ids = new ArrayList<>();
                synchronized (members) {
                    members.forEach((id, mm) -> {
                        if (mm.parent.equals(parent)) {
                            ids.add(id);
                        }
                    });
                }
                page(ex, req, "Accounts", ids);
            }
            case "ListOrganizationalUnitsForParent" -> {
                String parent = req.path("ParentId").asText();
                List<String> children = new ArrayList<>();
                ous.forEach((ou, p) -> {
                    if (p.equals(parent)) {
                        children.add(ou);
                    }
                });
                page(ex, req, "OrganizationalUnits", children);
            }
            default -> amz(ex, 400, "{\"__type\":\"InvalidInputException\",\"Message\":\"unknown action " + action + "\"}");
        }
    }

    private void page(HttpExchange ex, JsonNode req, String field, List<String> ids) throws IOException {
        int max = Math.min(20, req.path("MaxResults").asInt(20));
        int start = req.hasNonNull("NextToken") ? Integer.parseInt(req.path("NextToken").asText()) : 0;
        ObjectNode n = json.createObjectNode();
        ArrayNode list = n.putArray(field);
        for (int i = start; i < Math.min(ids.size(), start + max); i++) {
            String id = ids.get(i);
            if (field.equals("Accounts")) {
                Member mm = members.get(id);
                list.addObject().put("Id", id).put("Arn", "arn:aws:organizations::" + MANAGEMENT + ":account/o-exampleorgid/" + id)
                        .put("Email", mm.name + "@example.com").put("Name", mm.name).put("Status", mm.status)
                        .put("JoinedMethod", "CREATED").put("JoinedTimestamp", 1.7E9);
            } else {
                list.addObject().put("Id", id).put("Arn", "arn:aws:organizations::" + MANAGEMENT + ":ou/o-exampleorgid/" + id)
                        .put("Name", id);
            }
        }
        if (start + max < ids.size()) {
            n.put("NextToken", String.valueOf(start + max));
        }
        amz(ex, 200, n.toString());
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    }

    private static void xml(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", "r"), body);
        ex.close();
    }

    private static void amz(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-RequestId", "r"), body);
        ex.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    URI endpoint() {
        return baseUri();
    }
}
