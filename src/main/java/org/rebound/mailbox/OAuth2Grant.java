package org.rebound.mailbox;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * How Rebound obtains an OAuth2 access token for a mailbox (RFC 6749), from the token endpoint of the mail host's
 * identity platform.
 *
 * <ul>
 * <li>Microsoft 365: the client credentials grant (RFC 6749 section 4.4), token URL
 * https://login.microsoftonline.com/TENANT/oauth2/v2.0/token, scope https://outlook.office365.com/.default, the
 * application registered with the IMAP.AccessAsApp or POP.AccessAsApp permission.</li>
 * <li>Gmail: the refresh token grant (RFC 6749 section 6), token URL https://oauth2.googleapis.com/token, scope
 * https://mail.google.com/ given when the refresh token was issued.</li>
 * </ul>
 *
 * @param clientSecret from the environment only; may be empty for a public client with a refresh token
 * @param refreshToken from the environment only; empty for the client credentials grant
 * @param scope        may be empty (the refresh token grant keeps the scope it was issued with)
 */
public record OAuth2Grant(GrantType type, URI tokenUrl, String clientId, String scope, String clientSecret,
        String refreshToken) {

    /** The two grants mail hosts support for a server without a person at the keyboard. */
    public enum GrantType {
        CLIENT_CREDENTIALS, REFRESH_TOKEN;

        public static GrantType parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        /** The grant_type parameter of the token request. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OAuth2Grant {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    @Override
    public String toString() {
        return type.wireName() + " grant of " + clientId + " at " + tokenUrl; // never the secrets
    }
}
