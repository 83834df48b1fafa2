package org.rebound.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The Jakarta Mail session properties an account asks camel-mail's endpoint for. */
class MailboxAccountTest {

    @Test
    void startTlsIsRequiredNotMerelyTried() {
        Properties p = account(MailboxAccount.Protocol.IMAP, true, MailboxAccount.Authentication.PASSWORD)
                .javaMailProperties("imap");

        assertEquals("true", p.getProperty("mail.imap.starttls.enable"));
        assertEquals("true", p.getProperty("mail.imap.starttls.required"));
    }

    @Test
    void theServersNameIsCheckedAgainstItsCertificateOnEveryProtocol() {
        for (MailboxAccount.Protocol protocol : MailboxAccount.Protocol.values()) {
            Properties p = account(protocol, false, MailboxAccount.Authentication.PASSWORD)
                    .javaMailProperties(protocol.storeName());

            assertEquals("true", p.getProperty("mail." + protocol.storeName() + ".ssl.checkserveridentity"));
        }
    }

    @Test
    void xoauth2IsTheOnlyMechanismOfAnOAuth2Account() {
        Properties p = account(MailboxAccount.Protocol.POP3S, false, MailboxAccount.Authentication.XOAUTH2)
                .javaMailProperties("pop3s");

        assertEquals("XOAUTH2", p.getProperty("mail.pop3s.auth.mechanisms"));
    }

    @Test
    void aPasswordAccountLeavesTheMechanismsToTheServer() {
        Properties p = account(MailboxAccount.Protocol.IMAPS, false, MailboxAccount.Authentication.PASSWORD)
                .javaMailProperties("imaps");

        assertFalse(p.containsKey("mail.imaps.auth.mechanisms"));
    }

    @Test
    void startTlsOnImplicitTlsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> account(MailboxAccount.Protocol.POP3S, true, MailboxAccount.Authentication.PASSWORD));
    }

    @Test
    void anImapMailboxWithIdleOnWaitsWithIdleBetweenPolls() {
        assertEquals(Optional.of(Duration.ofMinutes(10)),
                idling(MailboxAccount.Protocol.IMAPS, Optional.of(Duration.ofMinutes(10))).idleBetweenPolls());
    }

    @Test
    void anImapMailboxWithIdleOffIsPolled() {
        assertEquals(Optional.empty(), idling(MailboxAccount.Protocol.IMAP, Optional.empty()).idleBetweenPolls());
    }

    @Test
    void aPop3MailboxIsPolledWhateverTheIdleSetting() {
        assertEquals(Optional.empty(),
                idling(MailboxAccount.Protocol.POP3S, Optional.of(Duration.ofMinutes(10))).idleBetweenPolls());
    }

    private static MailboxAccount account(MailboxAccount.Protocol protocol, boolean startTls,
            MailboxAccount.Authentication authentication) {
        return new MailboxAccount("default", protocol, "mail.example", 995, "bounces",
                new PasswordLogin("bounces", "secret"), authentication, startTls, Optional.empty(),
                Duration.ofSeconds(30), "INBOX", ProcessedMail.expunged(), Optional.empty());
    }

    private static MailboxAccount idling(MailboxAccount.Protocol protocol, Optional<Duration> idle) {
        return new MailboxAccount("default", protocol, "mail.example", 993, "bounces",
                new PasswordLogin("bounces", "secret"), MailboxAccount.Authentication.PASSWORD, false,
                Optional.empty(), Duration.ofSeconds(30), "INBOX", ProcessedMail.expunged(), idle);
    }
}
