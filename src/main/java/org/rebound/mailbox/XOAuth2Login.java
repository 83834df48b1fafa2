package org.rebound.mailbox;

import jakarta.mail.PasswordAuthentication;

import org.apache.camel.component.mail.MailAuthenticator;

/**
 * Logs in with SASL XOAUTH2 (Google: "OAuth 2.0 Mechanism", developers.google.com/gmail/imap/xoauth2-protocol;
 * Microsoft: "Authenticate an IMAP, POP or SMTP connection using OAuth"): Angus Mail sends
 * {@code base64("user=" user "\x01auth=Bearer " token "\x01\x01")} when mail.STORE.auth.mechanisms is XOAUTH2 and
 * the password it is given is the access token. camel-mail asks this authenticator at every connection, and the
 * token is refreshed before it expires, so a long-running Rebound never logs in with a stale one.
 */
public final class XOAuth2Login extends MailAuthenticator {

    private final String user;
    private final AccessTokens tokens;

    public XOAuth2Login(String user, AccessTokens tokens) {
        this.user = user;
        this.tokens = tokens;
    }

    @Override
    public PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(user, tokens.current());
    }
}
