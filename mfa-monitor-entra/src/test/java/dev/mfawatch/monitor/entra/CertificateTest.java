package dev.mfawatch.monitor.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app signs in with a certificate: a PFX with its password, or a PEM with the certificate and a PKCS#8 key. */
class CertificateTest {

    private final FakeGraph graph = new FakeGraph();
    @TempDir
    Path dir;
    private Path pfx;
    private Path pem;

    @BeforeEach
    void makeCertificate() throws Exception {
        graph.user("u-alice", "alice@contoso.test").with("fido2");
        graph.refreshReport();
        graph.policy("p-all", "Require MFA", "enabled", "mfa");
        pfx = dir.resolve("app.pfx");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "app",
                "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=mfa-watch", "-validity", "2", "-keystore", pfx.toString(),
                "-storetype", "PKCS12", "-storepass", "pfx-pass", "-keypass", "pfx-pass").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pfx)) {
            ks.load(in, "pfx-pass".toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("app");
        graph.certificateKey = (RSAPublicKey) cert.getPublicKey();
        var mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        pem = Files.writeString(dir.resolve("app.pem"), "-----BEGIN CERTIFICATE-----\n" + mime.encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n"
                + mime.encodeToString(ks.getKey("app", "pfx-pass".toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private Monitor monitor(String... more) {
        String[] kv = new String[2 + more.length];
        kv[0] = "client-secret";
        kv[1] = null;
        System.arraycopy(more, 0, kv, 2, more.length);
        return EntraMonitorTest.provider().create(EntraMonitorTest.settings(graph, kv));
    }

    private int scan(Monitor m) {
        return m.scan(ScanContext.of("entra", null, Clock.systemUTC(), Instant.now().plusSeconds(30))).snapshot().accounts().size();
    }

    @Test
    void aPfxWithItsPasswordSignsTheAssertion() {
        try (Monitor m = monitor("certificate", pfx.toString(), "certificate-password", "pfx-pass")) {
            assertThat(scan(m)).isEqualTo(1);
        }
    }

    @Test
    void aPemWithCertificateAndKeySignsTheAssertion() {
        try (Monitor m = monitor("certificate", pem.toString())) {
            assertThat(scan(m)).isEqualTo(1);
        }
    }

    @Test
    void aCertificateEntraDoesNotKnowFailsNamingIt() {
        graph.certificateKey = null;
        try (Monitor m = monitor("certificate", pem.toString())) {
            assertThatThrownBy(() -> scan(m)).hasMessageContaining("AADSTS700027").hasMessageContaining("not the one uploaded");
        }
    }

    @Test
    void filesThatAreNoCredentialAreRefusedAtStartUp() throws Exception {
        assertThatThrownBy(() -> monitor("certificate", pfx.toString(), "certificate-password", "wrong"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("certificate-password").hasMessageNotContaining("wrong");
        Path keyOnly = Files.writeString(dir.resolve("key.pem"), Files.readString(pem).substring(Files.readString(pem).indexOf("-----BEGIN PRIVATE")));
        assertThatThrownBy(() -> monitor("certificate", keyOnly.toString())).hasMessageContaining("no certificate");
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIEowCANARY==\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> monitor("certificate", pkcs1.toString())).hasMessageContaining("openssl pkcs8")
                .hasMessageNotContaining("MIIEow");
        assertThatThrownBy(() -> monitor("certificate", dir.resolve("none.pem").toString())).hasMessageContaining("cannot be read");
    }
}
