package org.rebound.dsn.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.rebound.dsn.Action;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.dsn.format.RecipientFacts;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.format.FormatParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * Amazon SES notifications relayed by SNS e-mail subscriptions: the body is the JSON notification
 * (https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html) of type Bounce, Complaint or Delivery.
 * SES's own DSNs (multipart/report) are read by the RFC 3464 parser.
 */
final class AmazonSesParser implements FormatParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean recognises(ReturnedMail mail) {
        String from = mail.fromAddress();
        return (from.endsWith("amazonaws.com") || from.endsWith("amazonses.com"))
                && mail.text().contains("\"notificationType\"");
    }

    @Override
    public String name() {
        return "amazonses";
    }

    @Override
    public Optional<BounceReport> parse(ReturnedMail mail) {
        // Sendmail splits lines over its limit with "!" + newline + space; SNS notifications are one long line.
        String text = mail.text().replace("!\r\n ", "").replace("!\n ", "");
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text.substring(start, end + 1));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        String type = root.path("notificationType").asText("").toLowerCase(Locale.ROOT);
        OriginalMessage original = original(root.path("mail"));
        List<RecipientStatus> recipients = new ArrayList<>();
        return switch (type) {
            case "bounce" -> {
                JsonNode bounce = root.path("bounce");
                boolean transient_ = bounce.path("bounceType").asText("").equalsIgnoreCase("Transient");
                for (JsonNode r : bounce.path("bouncedRecipients")) {
                    Action action = Action.parse(r.path("action").asText("")).orElse(
                            transient_ ? Action.DELAYED : Action.FAILED);
                    recipients.add(RecipientFacts.of(r.path("emailAddress").asText(""), "", action,
                            r.path("status").asText(""), typed(r.path("diagnosticCode").asText("")), "", ""));
                }
                yield report(Kind.DSN, mail, typed(bounce.path("reportingMTA").asText("")), "", original, recipients);
            }
            case "complaint" -> {
                JsonNode complaint = root.path("complaint");
                for (JsonNode r : complaint.path("complainedRecipients")) {
                    // A complaint is about a delivered message (RFC 5965 section 1), not a failure.
                    recipients.add(RecipientFacts.of(r.path("emailAddress").asText(""), "", Action.DELIVERED, "", "",
                            "", ""));
                }
                String feedback = complaint.path("complaintFeedbackType").asText("abuse");
                yield report(Kind.FEEDBACK_REPORT, mail, "", feedback, original, recipients);
            }
            case "delivery" -> {
                JsonNode delivery = root.path("delivery");
                String response = delivery.path("smtpResponse").asText("");
                for (JsonNode r : delivery.path("recipients")) {
                    recipients.add(RecipientFacts.of(r.asText(""), "", Action.DELIVERED, "", response,
                            delivery.path("reportingMTA").asText(""), ""));
                }
                yield report(Kind.DSN, mail, delivery.path("reportingMTA").asText(""), "", original, recipients);
            }
            default -> Optional.empty();
        };
    }

    private Optional<BounceReport> report(Kind kind, ReturnedMail mail, String reportingMta, String feedbackType,
                                          OriginalMessage original, List<RecipientStatus> recipients) {
        recipients.removeIf(r -> r.finalRecipient().isEmpty());
        if (recipients.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BounceReport(kind, name(), reportingMta, "", mail.returnPath(), feedbackType,
                original, recipients));
    }

    /** The sent message as SES describes it: its headers, and the Message-ID among them (else SES's own id). */
    private static OriginalMessage original(JsonNode mailNode) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (JsonNode h : mailNode.path("headers")) {
            headers.putIfAbsent(h.path("name").asText("").toLowerCase(Locale.ROOT), h.path("value").asText(""));
        }
        String id = org.rebound.dsn.Addresses.messageId(headers.getOrDefault("message-id",
                mailNode.path("commonHeaders").path("messageId").asText(mailNode.path("messageId").asText(""))));
        return new OriginalMessage(id, headers);
    }

    private static String typed(String value) {
        int semicolon = value.indexOf(';');
        return semicolon >= 0 ? value.substring(semicolon + 1).trim() : value.trim();
    }
}
