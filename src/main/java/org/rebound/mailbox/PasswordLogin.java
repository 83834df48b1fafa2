package org.rebound.mailbox;

import jakarta.mail.PasswordAuthentication;

import org.apache.camel.component.mail.MailAuthenticator;

/** Logs in with a user and a password (POP3 USER/PASS, RFC 1939 section 7; IMAP LOGIN, RFC 3501 section 6.2.3). */
public final class PasswordLogin extends MailAuthenticator {

    private final String user;
    private final String password;

    public PasswordLogin(String user, String password) {
        this.user = user;
        this.password = password;
    }

    @Override
    public PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(user, password);
    }
}
