package org.rebound.pipeline;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Disposition;

/**
 * Forwards mail that is not a bounce (a person's reply to a campaign) to someone who reads it: a short note with
 * the message attached unchanged as message/rfc822 (RFC 2046 section 5.2.1), over SMTP, before the message leaves
 * the mailbox. A window whose forwarding fails is not committed, and comes back.
 */
public final class MailForwarder {

    /**
     * How the connection to the SMTP server is protected (rebound.smtp.security): implicit TLS (smtps, RFC 8314 section
     * 3.3, port 465), STARTTLS required before anything else is sent (RFC 3207, port 587), or none (a relay on the same
     * host).
     */
    public enum Security {
        SMTPS, STARTTLS, NONE;

        public static Security parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Where and how to send.
     *
     * @param socketFactory TLS that trusts the key store of rebound.smtp.trust-store; empty: the JVM's authorities
     */
    public record Smtp(String host, int port, String user, String password, String from, String forwardTo,
            Security security, Optional<SSLSocketFactory> socketFactory) {
    }

    private final Smtp smtp;
    private final Session session;
    private final String transport;

    public MailForwarder(Smtp smtp) {
        this.smtp = smtp;
        this.transport = smtp.security() == Security.SMTPS ? "smtps" : "smtp";
        String prefix = "mail." + transport + ".";
        Properties p = new Properties();
        p.setProperty(prefix + "host", smtp.host());
        p.setProperty(prefix + "port", Integer.toString(smtp.port()));
        p.setProperty(prefix + "auth", Boolean.toString(!smtp.user().isEmpty()));
        p.setProperty(prefix + "connectiontimeout", "10000");
        p.setProperty(prefix + "timeout", "30000");
        if (smtp.security() != Security.NONE) {
            // The certificate must chain to a trusted authority and name the host dialled (RFC 8314 section 4.1).
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
            smtp.socketFactory().ifPresent(f -> p.put(prefix + "ssl.socketFactory", f));
        }
        if (smtp.security() == Security.STARTTLS) {
            // Required: a server that does not offer STARTTLS is refused before the login or any mail is sent.
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        this.session = Session.getInstance(p);
    }

    /** Sends these messages, the window's forwarded ones (Window.forwarded), over one SMTP connection. */
    public void forward(List<Disposition> forwarded) throws MessagingException {
        if (forwarded.isEmpty()) {
            return;
        }
        try (Transport transport = session.getTransport(this.transport)) {
            transport.connect(smtp.host(), smtp.port(), smtp.user().isEmpty() ? null : smtp.user(),
                    smtp.password().isEmpty() ? null : smtp.password());
            for (Disposition d : forwarded) {
                MimeMessage note = note(d.message());
                transport.sendMessage(note, note.getAllRecipients());
            }
        }
    }

    private MimeMessage note(ReturnedMessage message) throws MessagingException {
        MimeMessage original = new MimeMessage(session, new ByteArrayInputStream(message.raw()));
        MimeMessage note = new MimeMessage(session);
        note.setFrom(new InternetAddress(smtp.from()));
        note.setRecipients(Message.RecipientType.TO, InternetAddress.parse(smtp.forwardTo()));
        String subject = original.getSubject();
        note.setSubject("Fwd: " + (subject == null ? "(no subject)" : subject), "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("This message reached the bounce mailbox but is not a bounce; Rebound forwards it "
                + "unchanged, attached.\n", "UTF-8");
        MimeBodyPart attached = new MimeBodyPart();
        attached.setContent(original, "message/rfc822");
        note.setContent(new MimeMultipart(text, attached));
        return note;
    }
}
