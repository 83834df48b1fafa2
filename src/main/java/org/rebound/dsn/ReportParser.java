package org.rebound.dsn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * Reads a returned message into a {@link BounceReport}. This first version understands standard RFC 3464 DSNs
 * (multipart/report; report-type=delivery-status) through Jakarta Mail's DSN classes; anything else is reported as
 * not a bounce.
 */
public final class ReportParser {

    private static final Session SESSION = Session.getInstance(new Properties());

    public BounceReport parse(byte[] raw) throws UnparseableMessageException {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            String returnPath = firstHeader(message, "Delivered-To", "X-Original-To", "To");
            Optional<DeliveryStatus> status = findDeliveryStatus(message);
            if (status.isEmpty()) {
                return BounceReport.notABounce(Kind.NOT_A_BOUNCE, "none", returnPath, OriginalMessage.UNKNOWN);
            }
            return toReport(status.get(), findOriginal(message), returnPath);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new UnparseableMessageException("cannot read MIME structure: " + e, e);
        }
    }

    private static BounceReport toReport(DeliveryStatus dsn, OriginalMessage original, String returnPath) {
        InternetHeaders perMessage = dsn.getMessageDSN();
        List<RecipientStatus> recipients = new ArrayList<>();
        for (int i = 0; i < dsn.getRecipientDSNCount(); i++) {
            recipients.add(toRecipient(dsn.getRecipientDSN(i)));
        }
        boolean allDelayed = !recipients.isEmpty()
                && recipients.stream().allMatch(r -> r.action() == Action.DELAYED);
        return new BounceReport(allDelayed ? Kind.DELAY_NOTICE : Kind.DSN, "rfc3464",
                typedValue(header(perMessage, "Reporting-MTA")), typedValue(header(perMessage, "Original-Envelope-Id")),
                returnPath, "", original, recipients);
    }

    private static RecipientStatus toRecipient(InternetHeaders fields) {
        String diagnostic = typedValue(header(fields, "Diagnostic-Code"));
        Optional<StatusCode> status = StatusCode.find(header(fields, "Status"));
        return new RecipientStatus(
                address(header(fields, "Final-Recipient")),
                address(header(fields, "Original-Recipient")),
                Action.parse(header(fields, "Action")).orElse(Action.FAILED),
                status.isPresent() ? status : StatusCode.find(diagnostic),
                replyCode(diagnostic),
                diagnostic,
                typedValue(header(fields, "Remote-MTA")),
                header(fields, "Last-Attempt-Date"));
    }

    /** The SMTP reply code that starts a diagnostic ("550 5.1.1 ..." or "550-5.1.1 ..."), or empty. */
    private static String replyCode(String diagnostic) {
        if (diagnostic.length() >= 3 && diagnostic.substring(0, 3).matches("[245]\\d\\d")
                && (diagnostic.length() == 3 || !Character.isDigit(diagnostic.charAt(3)))) {
            return diagnostic.substring(0, 3);
        }
        return "";
    }

    /** RFC 3464 fields such as Final-Recipient are "type; value": keep the value. */
    private static String typedValue(String field) {
        int semicolon = field.indexOf(';');
        return (semicolon >= 0 ? field.substring(semicolon + 1) : field).trim();
    }

    private static String address(String field) {
        return typedValue(field).replaceAll("^<|>$", "").toLowerCase(Locale.ROOT);
    }

    private static String header(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, " ");
        return value == null ? "" : value.replaceAll("\\s+", " ").trim();
    }

    private static String firstHeader(Part part, String... names) throws MessagingException {
        for (String name : names) {
            String[] values = part.getHeader(name);
            if (values != null && values.length > 0) {
                return values[0].replaceAll("^.*<|>.*$", "").trim();
            }
        }
        return "";
    }

    private static Optional<DeliveryStatus> findDeliveryStatus(Part part) throws MessagingException, IOException {
        if (part.isMimeType("message/delivery-status")) {
            Object content = part.getContent();
            return content instanceof DeliveryStatus ds ? Optional.of(ds) : Optional.empty();
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<DeliveryStatus> found = findDeliveryStatus(multipart.getBodyPart(i));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The returned original: a message/rfc822 part or a text/rfc822-headers part. */
    private static OriginalMessage findOriginal(Part part) throws MessagingException, IOException {
        if (part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage attached) {
            return original(attached.getAllHeaders());
        }
        if (part.isMimeType("text/rfc822-headers")) {
            return original(new InternetHeaders(part.getInputStream()).getAllHeaders());
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                OriginalMessage found = findOriginal(child);
                if (found != OriginalMessage.UNKNOWN) {
                    return found;
                }
            }
        }
        return OriginalMessage.UNKNOWN;
    }

    private static OriginalMessage original(Enumeration<Header> all) {
        Map<String, String> headers = new LinkedHashMap<>();
        while (all.hasMoreElements()) {
            Header h = all.nextElement();
            headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue().replaceAll("\\s+", " ").trim());
        }
        String messageId = headers.getOrDefault("message-id", "").replaceAll("[<>\\s]", "");
        return new OriginalMessage(messageId, headers);
    }
}
