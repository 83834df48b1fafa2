package org.rebound.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS that trusts the certificates of a key store file named by a setting, checked at start. */
final class TrustStoreFiles {

    private TrustStoreFiles() {
    }

    /**
     * Empty when the setting is empty (the JVM's trusted authorities then); a file that cannot be read stops start-up.
     */
    static Optional<SSLSocketFactory> socketFactory(Settings settings, String fileKey, String passwordKey) {
        String file = settings.optionalText(fileKey);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        char[] password = settings.optionalText(passwordKey).toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password.length == 0 ? null : password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return Optional.of(tls.getSocketFactory());
        } catch (IOException | GeneralSecurityException e) {
            throw new SettingsException(fileKey, "a readable key store file (PKCS12 or JKS) with " + passwordKey,
                    "'" + file + "' (" + e.getMessage() + ")");
        }
    }
}
