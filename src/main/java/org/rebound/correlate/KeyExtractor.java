package org.rebound.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.correlate.CorrelationKey.CustomHeader;
import org.rebound.correlate.CorrelationKey.EnvelopeId;
import org.rebound.correlate.CorrelationKey.OriginalMessageId;
import org.rebound.correlate.CorrelationKey.RecipientAndTime;
import org.rebound.correlate.CorrelationKey.VerpToken;

/**
 * Finds the candidate correlation keys of one recipient's result, in the configured order of key types, and within
 * a type from the strongest evidence to the weakest.
 */
public final class KeyExtractor {

    /** A msg-id in angle brackets (RFC 5322 section 3.6.4); white space inside comes from folding or quoting. */
    private static final Pattern BRACKETED = Pattern.compile("<([^<>]+)>");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    /** Kinds whose original headers are the reply's own, so that In-Reply-To and References point at our mail. */
    private static final Set<Kind> REPLIES = Set.of(Kind.AUTO_REPLY, Kind.CHALLENGE, Kind.HUMAN_REPLY);

    private final CorrelationSettings settings;

    public KeyExtractor(CorrelationSettings settings) {
        this.settings = settings;
    }

    /** The candidate keys of one event, in the configured order; a key type with no evidence yields none. */
    public List<CorrelationKey> extract(PendingEvent event) {
        List<CorrelationKey> keys = new ArrayList<>();
        for (KeyType type : settings.order()) {
            keys.addAll(extract(event, type));
        }
        return List.copyOf(keys);
    }

    private List<? extends CorrelationKey> extract(PendingEvent event, KeyType type) {
        BounceReport report = event.report();
        return switch (type) {
            case MESSAGE_ID -> messageIds(report).stream().map(OriginalMessageId::new).toList();
            case ENVELOPE_ID -> report.envelopeId().isBlank() ? List.of()
                    : List.of(new EnvelopeId(report.envelopeId().trim()));
            case VERP -> verpTokens(report).stream().map(this::verpKey).toList();
            case CUSTOM_HEADER -> customHeaders(event);
            case RECIPIENT_TIME -> recipients(event).stream()
                    .map(recipient -> new RecipientAndTime(recipient, event.receivedAt())).toList();
        };
    }

    /**
     * The recipient's addresses as the sent-message table may hold them: the original recipient first (RFC 3461
     * ORCPT: the address as the sender gave it, case kept), then the final recipient (after forwarding).
     */
    public static List<String> recipients(PendingEvent event) {
        Set<String> addresses = new LinkedHashSet<>();
        addIfPresent(addresses, bareAddress(event.recipient().originalRecipient()));
        addIfPresent(addresses, bareAddress(event.recipient().finalRecipient()));
        return List.copyOf(addresses);
    }

    /**
     * The sent Message-ID as the parser found it, then the original's own Message-ID header, then, for a reply,
     * the message it answers (In-Reply-To) and the thread it belongs to (References, nearest first). For a
     * bounce, the original's In-Reply-To names some earlier message, not the one that bounced, so it is not used.
     */
    private static List<String> messageIds(BounceReport report) {
        OriginalMessage original = report.original();
        Set<String> ids = new LinkedHashSet<>();
        ids.addAll(messageIdsIn(original.messageId()));
        ids.addAll(messageIdsIn(original.header("message-id")));
        if (REPLIES.contains(report.kind())) {
            ids.addAll(messageIdsIn(original.header("in-reply-to")));
            List<String> references = new ArrayList<>(messageIdsIn(original.header("references")));
            Collections.reverse(references);
            ids.addAll(references);
        }
        return List.copyOf(ids);
    }

    /** The msg-ids in a header value, without brackets or white space; a bare value is taken as one id. */
    static List<String> messageIdsIn(String value) {
        List<String> ids = new ArrayList<>();
        Matcher m = BRACKETED.matcher(value);
        while (m.find()) {
            addIfPresent(ids, WHITE_SPACE.matcher(m.group(1)).replaceAll(""));
        }
        if (ids.isEmpty() && !value.contains("<")) {
            for (String word : WHITE_SPACE.split(value.trim())) {
                addIfPresent(ids, word);
            }
        }
        return ids;
    }

    /** A token as the key it is: split from its signature when tokens are signed. */
    private VerpToken verpKey(String value) {
        return settings.verpSignature().isPresent() ? VerpSignature.split(value) : new VerpToken(value, "");
    }

    /** The token from the address the bounce came back to, or from the original's Return-Path when it shows. */
    private List<String> verpTokens(BounceReport report) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String address : List.of(report.returnPath(), report.original().header("return-path"))) {
            Matcher m = settings.verpPattern().matcher(bareAddress(address));
            if (m.find() && m.group(1) != null) {
                addIfPresent(tokens, m.group(1));
            }
        }
        return List.copyOf(tokens);
    }

    private List<CustomHeader> customHeaders(PendingEvent event) {
        String value = event.report().original().header(settings.customHeader()).trim();
        if (value.isEmpty()) {
            return List.of();
        }
        return recipients(event).stream()
                .map(recipient -> new CustomHeader(settings.customHeader(), value, recipient)).toList();
    }

    /**
     * An address without display name, angle brackets or RFC 3464 address-type prefix ("rfc822;"), its case kept:
     * the table holds the address as the sender wrote it, which is what ORCPT returns.
     */
    static String bareAddress(String text) {
        String address = text.trim();
        Matcher bracketed = BRACKETED.matcher(address);
        if (bracketed.find()) {
            address = bracketed.group(1).trim();
        }
        int semicolon = address.indexOf(';');
        if (semicolon >= 0 && address.substring(0, semicolon).trim().toLowerCase(Locale.ROOT).equals("rfc822")) {
            address = address.substring(semicolon + 1).trim();
        }
        return address;
    }

    private static void addIfPresent(Collection<String> values, String value) {
        if (!value.isBlank()) {
            values.add(value);
        }
    }
}
