package dev.mfawatch.monitor.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's credential for msal4j: a client secret, or a certificate as the Azure portal and openssl
 * hand it out (a PEM with the certificate and an unencrypted PKCS#8 key, or a PFX with its password).
 * Messages say what is wrong with a file, never its content.
 */
final class EntraCredentials {

    static final int MAX_BYTES = 256 * 1024;
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    /** The credential cannot be used; the message is safe to show. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    private EntraCredentials() {
    }

    static IClientCredential of(EntraSettings s) throws Unusable {
        if (s.clientSecret() != null) {
            return ClientCredentialFactory.createFromSecret(s.clientSecret().reveal());
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(s.certificate())) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new Unusable("names a file that cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new Unusable("names a file larger than " + MAX_BYTES / 1024 + " KB, which is no certificate");
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN ")) {
            return pfx(bytes, s.certificatePassword() == null ? "" : s.certificatePassword().reveal());
        }
        return pem(text);
    }

    private static IClientCredential pfx(byte[] bytes, String password) throws Unusable {
        try {
            return ClientCredentialFactory.createFromCertificate(new ByteArrayInputStream(bytes), password);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new Unusable("is neither a PEM nor a PFX that opens with certificate-password (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static IClientCredential pem(String text) throws Unusable {
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String kind = m.group(1);
            if (kind.equals("RSA PRIVATE KEY") || kind.equals("EC PRIVATE KEY")) {
                throw new Unusable("holds a PKCS#1/SEC1 key; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in old.pem "
                        + "-out key.pem, then put it beside the certificate");
            }
            if (kind.equals("ENCRYPTED PRIVATE KEY")) {
                throw new Unusable("holds an encrypted key: use a PFX with certificate-password, or an unencrypted PKCS#8 key "
                        + "readable by the runner only");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new Unusable("holds a PEM block that is not base64");
            }
            switch (kind) {
                case "CERTIFICATE" -> {
                    try {
                        chain.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
                    } catch (GeneralSecurityException e) {
                        throw new Unusable("holds a certificate that cannot be read");
                    }
                }
                case "PRIVATE KEY" -> key = key(der);
                default -> {
                    // other blocks (parameters) are not needed
                }
            }
        }
        if (chain.isEmpty() || key == null) {
            throw new Unusable("must hold the certificate uploaded to the app registration and its private key (PKCS#8), "
                    + "both in PEM; it holds " + (chain.isEmpty() ? "no certificate" : "no private key"));
        }
        return chain.size() == 1 ? ClientCredentialFactory.createFromCertificate(key, chain.get(0))
                : ClientCredentialFactory.createFromCertificateChain(key, chain);
    }

    private static PrivateKey key(byte[] der) throws Unusable {
        for (String kind : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(kind).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next kind
            }
        }
        throw new Unusable("holds a private key that is neither RSA nor EC");
    }
}
