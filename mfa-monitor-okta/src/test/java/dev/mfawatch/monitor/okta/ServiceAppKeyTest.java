package dev.mfawatch.monitor.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key files Okta's console and openssl hand out, and the ones they do not. */
class ServiceAppKeyTest {

    @TempDir
    Path dir;

    private static String pem(byte[] der) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void anEcPemSignsWithTheAlgorithmOfItsCurve() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        Path p256 = Files.writeString(dir.resolve("p256.pem"), pem(g.generateKeyPair().getPrivate().getEncoded()));
        assertThat(ServiceAppKey.load(p256, "k1")).satisfies(k -> {
            assertThat(k.algorithm()).isEqualTo(JWSAlgorithm.ES256);
            assertThat(k.keyId()).isEqualTo("k1");
        });
        g.initialize(new ECGenParameterSpec("secp384r1"));
        Path p384 = Files.writeString(dir.resolve("p384.pem"), pem(g.generateKeyPair().getPrivate().getEncoded()));
        assertThat(ServiceAppKey.load(p384, null).algorithm()).isEqualTo(JWSAlgorithm.ES384);
    }

    @Test
    void aJwkSetWithOnePrivateKeyGivesItsKid() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("console-kid").generate();
        Path set = Files.writeString(dir.resolve("jwks.json"), new JWKSet(List.of(key)).toString(false));
        assertThat(ServiceAppKey.load(set, null)).satisfies(k -> {
            assertThat(k.algorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(k.keyId()).isEqualTo("console-kid");
            assertThat(k.toString()).doesNotContain(key.getPrivateExponent().toString());
        });
        assertThat(ServiceAppKey.load(set, "override").keyId()).isEqualTo("override");
        Path two = Files.writeString(dir.resolve("two.json"),
                new JWKSet(List.of(key, new RSAKeyGenerator(2048).generate())).toString(false));
        assertThatThrownBy(() -> ServiceAppKey.load(two, null)).hasMessageContaining("2 private keys");
    }

    @Test
    void otherFilesAreRefusedWithoutShowingThem() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hunter2 is my password");
        assertThatThrownBy(() -> ServiceAppKey.load(text, null)).hasMessageContaining("neither a PEM private key")
                .hasMessageNotContaining("hunter2");
        Path big = Files.write(dir.resolve("big.pem"), new byte[ServiceAppKey.MAX_BYTES + 1]);
        assertThatThrownBy(() -> ServiceAppKey.load(big, null)).hasMessageContaining("larger than");
        Path garbage = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ServiceAppKey.load(garbage, null)).hasMessageContaining("neither RSA nor EC");
    }
}
