package dev.mfawatch.monitor.okta;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The private key of an Okta service app, as Okta's console hands it out: a private JWK (or a JWKS
 * holding one), or a PKCS#8 PEM file. Messages say what is wrong with the file, never its content.
 *
 * @param key       the private key
 * @param algorithm the signing algorithm that goes with it
 * @param keyId     the {@code kid} to send, or {@code null}
 */
record ServiceAppKey(PrivateKey key, JWSAlgorithm algorithm, @Nullable String keyId) {

    /** A key file is a few KB; a larger one is not one. */
    static final int MAX_BYTES = 64 * 1024;

    /** The file could not be used; the message is safe to show. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    static ServiceAppKey load(Path file, @Nullable String keyId) throws Unusable {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new Unusable("names a file larger than " + MAX_BYTES / 1024 + " KB, which is no private key");
            }
            text = new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new Unusable("names a file that cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (text.startsWith("{")) {
            return fromJwk(text, keyId);
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new Unusable("holds an encrypted key: give an unencrypted PKCS#8 key, readable by the runner only");
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new Unusable("holds a PKCS#1/SEC1 key; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem");
        }
        int start = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new Unusable("holds neither a PEM private key (-----BEGIN PRIVATE KEY-----) nor a private JWK");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(start + "-----BEGIN PRIVATE KEY-----".length(), end));
        } catch (IllegalArgumentException e) {
            throw new Unusable("holds a PEM block that is not base64");
        }
        for (String kind : List.of("RSA", "EC")) {
            try {
                PrivateKey k = KeyFactory.getInstance(kind).generatePrivate(new PKCS8EncodedKeySpec(der));
                return new ServiceAppKey(k, k instanceof ECPrivateKey ec ? ecAlgorithm(ec) : JWSAlgorithm.RS256, keyId);
            } catch (GeneralSecurityException e) {
                // try the next kind
            }
        }
        throw new Unusable("holds a PEM private key that is neither RSA nor EC");
    }

    private static ServiceAppKey fromJwk(String text, @Nullable String keyId) throws Unusable {
        JWK jwk;
        try {
            if (text.contains("\"keys\"")) {
                List<JWK> keys = JWKSet.parse(text).getKeys().stream().filter(JWK::isPrivate).toList();
                if (keys.size() != 1) {
                    throw new Unusable("holds a JWK set with " + keys.size() + " private keys; give the one private key");
                }
                jwk = keys.get(0);
            } else {
                jwk = JWK.parse(text);
            }
        } catch (java.text.ParseException e) {
            throw new Unusable("holds JSON that is not a JWK");
        }
        if (!jwk.isPrivate()) {
            throw new Unusable("holds a public key; the service app needs the private key whose public half Okta has");
        }
        String kid = keyId != null ? keyId : jwk.getKeyID();
        try {
            if (jwk instanceof RSAKey rsa) {
                return new ServiceAppKey(rsa.toPrivateKey(), JWSAlgorithm.RS256, kid);
            }
            if (jwk instanceof ECKey ec) {
                return new ServiceAppKey(ec.toPrivateKey(), ecAlgorithm(ec.getCurve()), kid);
            }
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new Unusable("holds a JWK whose private key cannot be used");
        }
        throw new Unusable("holds a " + jwk.getKeyType() + " key; Okta takes RSA or EC keys");
    }

    private static JWSAlgorithm ecAlgorithm(ECPrivateKey key) throws Unusable {
        Curve c = Curve.forECParameterSpec(key.getParams());
        return ecAlgorithm(c);
    }

    private static JWSAlgorithm ecAlgorithm(@Nullable Curve c) throws Unusable {
        if (Curve.P_256.equals(c)) {
            return JWSAlgorithm.ES256;
        }
        if (Curve.P_384.equals(c)) {
            return JWSAlgorithm.ES384;
        }
        if (Curve.P_521.equals(c)) {
            return JWSAlgorithm.ES512;
        }
        throw new Unusable("holds an EC key on a curve Okta does not take (P-256, P-384 or P-521)");
    }

    @Override
    public String toString() {
        return "ServiceAppKey[" + algorithm + (keyId == null ? "" : ", kid=" + keyId) + "]";
    }
}
