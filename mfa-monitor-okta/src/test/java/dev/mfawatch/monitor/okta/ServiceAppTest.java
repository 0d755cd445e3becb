package dev.mfawatch.monitor.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.contract.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service app: a private-key JWT for a client-credentials token, with or without DPoP. */
class ServiceAppTest {

    private final FakeOkta okta = new FakeOkta();
    private final TestClock clock = new TestClock(Instant.now());
    private final List<Duration> slept = new ArrayList<>();
    @TempDir
    Path dir;

    ServiceAppTest() {
        okta.clock(clock::instant);
        okta.user("00ualice", "alice@acme.test").factor("push");
        okta.user("00ubob", "bob@acme.test");
        okta.admin("00ualice", true);
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    /** Makes a key pair, registers its public half with the fake, and writes the private half to a file. */
    static Path serviceApp(FakeOkta okta, Path dir, boolean jwk) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("kid-" + System.nanoTime()).generate();
        okta.appKey = key.toPublicJWK();
        Path file = dir.resolve(jwk ? "okta-key.json" : "okta-key.pem");
        if (jwk) {
            Files.writeString(file, key.toJSONString());
        } else {
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toPrivateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        }
        return file;
    }

    private Monitor monitor(Path key, String... more) {
        List<String> kv = new ArrayList<>(List.of("token", "", "client-id", FakeOkta.CLIENT_ID, "private-key", key.toString()));
        kv.addAll(List.of(more));
        kv.set(1, null);
        return new OktaMonitorProvider().create(OktaMonitorTest.settings(okta, kv.toArray(String[]::new)));
    }

    private ScanResult scan(Monitor m, Snapshot previous) {
        return m.scan(ScanContext.of("okta", previous, clock, clock.sleeper(slept), clock.instant().plus(Duration.ofMinutes(5))));
    }

    @Test
    void aBearerTokenIsFetchedOnceAndKeptAcrossScans() throws Exception {
        try (Monitor m = monitor(serviceApp(okta, dir, true))) {
            Snapshot s = scan(m, null).snapshot();
            clock.advance(Duration.ofMinutes(10));
            scan(m, s);
            assertThat(okta.tokenRequests).isEqualTo(1);
            assertThat(s.accounts()).hasSize(2);
        }
    }

    @Test
    void anExpiredTokenIsReplaced() throws Exception {
        try (Monitor m = monitor(serviceApp(okta, dir, true))) {
            Snapshot s = scan(m, null).snapshot();
            clock.advance(Duration.ofMinutes(59));
            scan(m, s);
            assertThat(okta.tokenRequests).isEqualTo(2);
        }
    }

    @Test
    void whenOktaDemandsDpopEveryRequestCarriesAProofWithItsNonce() throws Exception {
        okta.requireDpop = true;
        try (Monitor m = monitor(serviceApp(okta, dir, false))) {
            ScanResult r = scan(m, null);
            assertThat(r.snapshot().accounts()).extracting(a -> a.name() + " " + a.state())
                    .containsExactlyInAnyOrder("alice@acme.test ENABLED", "bob@acme.test DISABLED");
            // without a proof, then without the nonce, then granted; the fake checked each resource proof (htm, htu, ath)
            assertThat(okta.tokenRequests).isEqualTo(3);
            clock.advance(Duration.ofMinutes(5));
            scan(m, r.snapshot());
            assertThat(okta.tokenRequests).as("the proof mode and the token are kept").isEqualTo(3);
        }
    }

    @Test
    void aKeyOktaDoesNotKnowFailsNamingWhatToCheck() throws Exception {
        Path key = serviceApp(okta, dir, true);
        okta.appKey = new RSAKeyGenerator(2048).generate().toPublicJWK();
        try (Monitor m = monitor(key)) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("invalid_client")
                    .hasMessageContaining("Public key / Private key").hasMessageNotContaining(Files.readString(key).substring(20, 60));
        }
    }

    @Test
    void aScopeNotGrantedFailsNamingTheScopes() throws Exception {
        okta.grantedScopes = Set.of("okta.users.read", "okta.logs.read");
        try (Monitor m = monitor(serviceApp(okta, dir, true))) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("invalid_scope")
                    .hasMessageContaining("okta.roles.read").hasMessageContaining("Okta API Scopes");
        }
    }

    @Test
    void aSystemLogRefusedForScopeFallsBackToAFullScanNamingTheScope() throws Exception {
        try (Monitor m = monitor(serviceApp(okta, dir, true))) {
            Snapshot s = scan(m, null).snapshot();
            okta.missingScope("/api/v1/logs", "okta.logs.read");
            okta.get("00ubob").factor("push");
            clock.advance(Duration.ofMinutes(10));
            ScanResult r = scan(m, s);
            assertThat(r.warnings()).singleElement().asString().contains("okta.logs.read", "insufficient_scope");
            assertThat(r.snapshot().accounts()).filteredOn(a -> a.name().startsWith("bob")).extracting(a -> a.state())
                    .containsExactly(MfaState.ENABLED);
        }
    }

    @Test
    void keyFilesOktaDoesNotHandOutAreRefusedAtStartUpWithAFix() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> monitor(pkcs1)).isInstanceOf(ConfigurationException.class).hasMessageContaining("openssl pkcs8 -topk8")
                .hasMessageNotContaining("MIIEow");
        Path encrypted = Files.writeString(dir.resolve("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> monitor(encrypted)).isInstanceOf(ConfigurationException.class).hasMessageContaining("encrypted");
        RSAKey pub = new RSAKeyGenerator(2048).generate().toPublicJWK();
        Path publicOnly = Files.writeString(dir.resolve("pub.json"), pub.toJSONString());
        assertThatThrownBy(() -> monitor(publicOnly)).isInstanceOf(ConfigurationException.class).hasMessageContaining("public key");
        assertThatThrownBy(() -> monitor(dir.resolve("missing.pem"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot be read").hasMessageNotContaining("missing.pem");
    }
}
