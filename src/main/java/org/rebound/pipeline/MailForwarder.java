package org.rebound.pipeline;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;

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

    /** Where and how to send. */
    public record Smtp(String host, int port, String user, String password, String from, String forwardTo) {
    }

    private final Smtp smtp;
    private final Session session;

    public MailForwarder(Smtp smtp) {
        this.smtp = smtp;
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", smtp.host());
        p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
        p.setProperty("mail.smtp.auth", Boolean.toString(!smtp.user().isEmpty()));
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "30000");
        this.session = Session.getInstance(p);
    }

    /** Sends every message of the window that is to be forwarded, over one SMTP connection. */
    public void forward(List<Disposition> window) throws MessagingException {
        List<Disposition> forwarded = window.stream().filter(Disposition::forward).toList();
        if (forwarded.isEmpty()) {
            return;
        }
        try (Transport transport = session.getTransport("smtp")) {
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
