package com.example.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.core.SettingsSources;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NightlyAuditTest {

    @Test
    void theBundledSettingsRunAgainstAReportTwice(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.csv");
        Files.writeString(report, "user,arn,password_enabled,mfa_active\n"
                + "<root_account>,arn:aws:iam::1:root,not_supported,true\n"
                + "ana,arn:aws:iam::1:user/ana,true,false\n");
        Map<String, String> file = new HashMap<>();
        Properties p = new Properties();
        try (InputStream in = NightlyAudit.class.getResourceAsStream("/mfa-watch.properties")) {
            p.load(in);
        }
        p.forEach((k, v) -> file.put(k.toString(), v.toString()));
        Map<String, String> env = Map.of("MFA_WATCH_REPORT", report.toString(), "MFA_WATCH_STATE", dir.resolve("state").toString());
        SettingsSources settings = SettingsSources.of(file, env, Map.of());

        RunReport first = MfaWatch.builder().settings(settings).runOnce();
        assertThat(first.failed()).isFalse();
        assertThat(first.monitor("prod").withoutMfa()).isEqualTo(1);
        assertThat(first.changes()).singleElement().satisfies(c -> assertThat(c.subjectName()).isEqualTo("ana"));

        RunReport second = MfaWatch.builder().settings(settings).runOnce();
        assertThat(second.changes()).isEmpty();
        assertThat(dir.resolve("state/snapshot-prod.json")).exists();
    }
}
