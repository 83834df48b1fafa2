package org.rebound.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * A self-signed server certificate made for one test with the JDK's keytool: its PEM certificate and key (for a
 * server such as Dovecot), the PKCS12 key store keytool made (for a server in the test's JVM) and a PKCS12 trust store
 * holding only the certificate (for rebound.mailbox.trust-store). Both key stores have the one password.
 */
record TestCertificate(Path certificatePem, Path keyPem, Path serverKeys, Path trustStore, String trustStorePassword) {

    /** @param subjectAlternativeNames keytool's SAN list, such as {@code ip:127.0.0.1,dns:localhost} */
    static TestCertificate make(Path dir, String subjectAlternativeNames) throws IOException, InterruptedException,
            GeneralSecurityException {
        Path keys = dir.resolve("server.p12");
        String password = "test-keystore";
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=rebound-test", "-ext", "SAN=" + subjectAlternativeNames, "-validity", "2",
                "-keystore", keys.toString(), "-storetype", "PKCS12", "-storepass", password))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            server.load(in, password.toCharArray());
        }
        Key key = server.getKey("server", password.toCharArray());
        Certificate certificate = server.getCertificate("server");
        Path certificatePem = dir.resolve("server.crt");
        Path keyPem = dir.resolve("server.key");
        Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        Path trustStore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, password.toCharArray());
        }
        // Dovecot's processes, running as another user, read the files.
        for (Path p : List.of(certificatePem, keyPem, trustStore)) {
            p.toFile().setReadable(true, false);
        }
        return new TestCertificate(certificatePem, keyPem, keys, trustStore, password);
    }

    /** Server sockets that present this certificate (TLS from the first byte). */
    SSLServerSocketFactory serverSockets() throws IOException, GeneralSecurityException {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeys)) {
            server.load(in, trustStorePassword.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(server, trustStorePassword.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls.getServerSocketFactory();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
