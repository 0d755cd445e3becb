package com.example.lambda;

import dev.mfawatch.monitor.aws.LambdaAccount;
import dev.mfawatch.store.s3.FakeS3;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Measures the handler's cold start with the JDK running this: serves the fakes, then starts
 * {@code runs} fresh JVMs on {@code target/mfa-watch-lambda.jar}, each doing one {@link ColdStart},
 * and prints the median and the range. Run it after {@code package}; see the README. Not a test:
 * a timing on a shared machine proves nothing in a test run.
 */
public final class ColdStartMeasure {

    private ColdStartMeasure() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        // "refresh=none" leaves out the CloudTrail refresh, whose pacing (LookupEvents is limited to
        // two calls a second) is most of a run against the fakes, to show what the JVM and SDK cost.
        boolean noRefresh = args.length > 1 && args[1].equals("refresh=none");
        Path jar = Path.of("target", "mfa-watch-lambda.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run mvn package -pl examples/aws-lambda -am first");
        }
        List<long[]> results = new ArrayList<>();
        try (FakeS3 s3 = new FakeS3("acme-mfa-watch"); LambdaAccount account = new LambdaAccount();
             MfaWatchHandlerTest.Slack slack = new MfaWatchHandlerTest.Slack();
             MfaWatchHandlerTest.SecretsManager secrets = new MfaWatchHandlerTest.SecretsManager()) {
            for (int i = 0; i < 20; i++) {
                account.user("user" + i, i % 4 != 0);
            }
            secrets.secretString = "{\"mfawatch.notifier.slack.webhook-url\": \"" + slack.baseUri() + MfaWatchHandlerTest.WEBHOOK_PATH + "\"}";
            for (int i = 0; i < runs; i++) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xmx512m",
                        "-Daws.accessKeyId=" + FakeS3.ACCESS_KEY, "-Daws.secretAccessKey=" + FakeS3.SECRET_KEY,
                        "-Daws.region=eu-west-1", "-Daws.disableEc2Metadata=true",
                        "-Daws.endpointUrlSecretsManager=" + secrets.baseUri(),
                        "-cp", jar + File.pathSeparator + Path.of("target", "test-classes"), ColdStart.class.getName());
                Map<String, String> env = pb.environment();
                env.put("STATE_BUCKET", "acme-mfa-watch");
                env.put(MfaWatchHandler.SECRET_VARIABLE, MfaWatchHandlerTest.SECRET_ARN);
                env.put("MFAWATCH_STORE_S3_ENDPOINT", s3.baseUri().toString());
                env.put("MFAWATCH_MONITOR_AWS_ENDPOINT", account.endpoint().toString());
                env.put("MFAWATCH_MONITOR_AWS_CLOUDTRAIL_ENDPOINT", account.endpoint().toString());
                if (noRefresh) {
                    env.put("MFAWATCH_MONITOR_AWS_REFRESH", "none");
                }
                pb.redirectErrorStream(true);
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0 || !out.contains("COLDSTART ")) {
                    throw new IllegalStateException("the cold start failed:\n" + out);
                }
                String line = out.substring(out.indexOf("COLDSTART ")).lines().findFirst().orElseThrow();
                long[] r = new long[3];
                for (String part : line.substring("COLDSTART ".length()).split(" ")) {
                    String[] kv = part.split("=");
                    r[switch (kv[0]) { case "init" -> 0; case "first" -> 1; default -> 2; }] = Long.parseLong(kv[1]);
                }
                results.add(r);
            }
        }
        String[] names = {"JVM start to handler made (init)", "JVM start to first run done (cold start)", "second run (warm)"};
        System.out.println("cold start of the mfa-watch Lambda handler, " + runs + " fresh JVMs, Java " + Runtime.version().feature() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores" + (noRefresh ? ", refresh=none" : "") + ":");
        for (int k = 0; k < 3; k++) {
            List<Long> v = new ArrayList<>();
            for (long[] r : results) {
                v.add(r[k]);
            }
            Collections.sort(v);
            System.out.printf("  %-42s median %5d ms   min %5d ms   max %5d ms%n", names[k], v.get(v.size() / 2), v.get(0), v.get(v.size() - 1));
        }
    }
}
