package micro.gateway.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS from the PEM files micro users already have ({@code --tls_cert_file}, {@code --tls_key_file}):
 * a certificate chain and a PKCS#8 private key ({@code BEGIN PRIVATE KEY}, RSA or EC).
 */
final class TlsContexts {

    private static final char[] PASSWORD = "micro".toCharArray();

    private TlsContexts() {
    }

    static SslContextFactory.Server fromPem(String certFile, String keyFile) {
        if (certFile.isBlank() || keyFile.isBlank()) {
            throw new IllegalArgumentException("TLS is enabled but tls_cert_file or tls_key_file is not set");
        }
        try {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(Path.of(certFile))));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + certFile);
            }
            PrivateKey key = privateKey(Files.readString(Path.of(keyFile)), keyFile);
            checkPair(key, chain.iterator().next(), certFile, keyFile);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("micro", key, PASSWORD, chain.toArray(Certificate[]::new));
            SslContextFactory.Server factory = new SslContextFactory.Server();
            factory.setKeyStore(store);
            factory.setKeyStorePassword(new String(PASSWORD));
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load TLS files " + certFile + " and " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * A key that does not belong to the certificate would be taken by the JDK and fail every handshake
     * later: sign a probe with the key and check it with the certificate's public key now.
     */
    private static void checkPair(PrivateKey key, Certificate certificate, String certFile, String keyFile)
            throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519 and friends name their own signature
        };
        byte[] probe = "micro gateway key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        try {
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (java.security.InvalidKeyException e) {
            // a key of another algorithm than the certificate's: not a pair either
        }
        throw new IllegalArgumentException("the key in " + keyFile + " does not belong to the certificate in " + certFile);
    }

    private static PrivateKey privateKey(String pem, String file) throws GeneralSecurityException {
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException(file + " holds no PKCS#8 key (BEGIN PRIVATE KEY); convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        for (String algorithm : new String[] { "RSA", "EC", "Ed25519" }) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + " holds a key that is neither RSA, EC nor Ed25519");
    }
}
