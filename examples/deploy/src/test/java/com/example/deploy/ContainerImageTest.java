package com.example.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the container image without a Docker engine: the Dockerfile's base, user
 * and files, that its build context (named in its header) holds what it copies, that its entrypoint
 * runs the jar, and that the CronJob uses the image rather than a jar in a ConfigMap.
 */
class ContainerImageTest {

    private static final Path HERE = Path.of("").toAbsolutePath();
    private static final Path ROOT = HERE.resolve("../..").normalize();

    private static String dockerfile() throws IOException {
        return Files.readString(HERE.resolve("Dockerfile"));
    }

    /** The instructions, continuation lines joined, comments dropped. */
    private static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile().split("\n")) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            current.append(line.strip());
            if (line.endsWith("\\")) {
                current.setLength(current.length() - 1);
                current.append(' ');
                continue;
            }
            out.add(current.toString());
            current.setLength(0);
        }
        return out;
    }

    private static List<String> arguments(String keyword) throws IOException {
        return instructions().stream().filter(i -> i.startsWith(keyword + " ")).map(i -> i.substring(keyword.length() + 1)).toList();
    }

    /** The build context that the header's docker build command names, relative to the repository root. */
    private static Path context() throws IOException {
        Matcher m = Pattern.compile("docker build -f examples/deploy/Dockerfile -t \\S+ (\\S+)").matcher(dockerfile());
        assertThat(m.find()).as("the Dockerfile's header gives the build command").isTrue();
        return ROOT.resolve(m.group(1));
    }

    /** Each file the image gets, by its path in the image, with the file in the build context. */
    private static Map<String, Path> copied() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String copy : arguments("COPY")) {
            String[] parts = copy.split("\\s+");
            assertThat(parts).as("COPY %s: one source, one destination, no --from", copy).hasSize(2);
            files.put(parts[1], context().resolve(parts[0]));
        }
        return files;
    }

    @Test
    void theImageIsAnOfficialJreRunAsAnUnprivilegedUser() throws IOException {
        assertThat(arguments("FROM")).singleElement().asString().matches("eclipse-temurin:\\d+-jre");
        List<String> user = arguments("USER");
        assertThat(user).as("the last USER decides").isNotEmpty();
        String uid = user.get(user.size() - 1).split(":")[0];
        assertThat(uid).as("numeric, so that runAsNonRoot can check it").matches("\\d+");
        assertThat(Integer.parseInt(uid)).isPositive();
        assertThat(Files.readString(HERE.resolve("kubernetes-cronjob.yaml"))).contains("runAsUser: " + uid);
    }

    @Test
    void theBuildContextHoldsEveryFileTheImageCopies() throws IOException {
        Map<String, Path> copied = copied();
        assertThat(copied).containsKey("/opt/mfa-watch/mfa-watch.jar");
        copied.forEach((inImage, source) -> assertThat(source).as("%s comes from", inImage).isRegularFile());
    }

    @Test
    void theEntrypointRunsTheJar() throws Exception {
        List<String> entrypoint = Arrays.asList(new ObjectMapper().readValue(arguments("ENTRYPOINT").get(0), String[].class));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        // The image's paths are this machine's files: run the same command with --version.
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Map<String, Path> copied = copied();
        entrypoint.subList(1, entrypoint.size()).forEach(a -> command.add(copied.containsKey(a) ? copied.get(a).toString() : a));
        command.add("--version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("mfa-watch 0.1.0");
        // CMD is what the CronJob's args replace: the same run.
        assertThat(new ObjectMapper().readValue(arguments("CMD").get(0), String[].class)).startsWith("run", "--config");
    }

    @Test
    void theCronJobRunsTheImageWithAReadOnlyRootFilesystem() throws IOException {
        String cronJob = Files.readString(HERE.resolve("kubernetes-cronjob.yaml"));
        Matcher tag = Pattern.compile("docker build -f examples/deploy/Dockerfile -t (\\S+) ").matcher(dockerfile());
        assertThat(tag.find()).isTrue();
        assertThat(cronJob).contains("image: " + tag.group(1), "readOnlyRootFilesystem: true", "allowPrivilegeEscalation: false",
                "runAsNonRoot: true");
        // The jar is in the image: no ConfigMap carries it (their limit is 1 MiB), and nothing runs java itself.
        assertThat(cronJob).doesNotContain("mfa-watch-jar", "\"java\"", "/opt/mfa-watch");
    }

    @Test
    void theWorkflowGetsAwsCredentialsThroughOidcAndBuildsTheJarOnlyOnACacheMiss() throws IOException {
        String workflow = Files.readString(HERE.resolve("github-actions.yml"));
        assertThat(workflow).contains("id-token: write", "aws-actions/configure-aws-credentials@", "role-to-assume: arn:aws:iam::")
                .doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "aws-access-key-id");
        List<String> lines = workflow.lines().toList();
        int build = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("run: mvn")) {
                build = i;
            }
        }
        assertThat(build).as("the workflow builds the jar somewhere").isPositive();
        assertThat(lines.get(build - 1).strip()).isEqualTo("if: steps.jar.outputs.cache-hit != 'true'");
        assertThat(workflow).contains("path: mfa-cli/target/mfa-watch.jar", "run: java -jar mfa-cli/target/mfa-watch.jar run")
                .doesNotContain("./mfa-watch run");
    }
}
