package org.rebound.message;

import java.security.MessageDigest;
import java.time.Instant;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One message as it came out of the mailbox: its exact bytes, a SHA-256 of them (the identity Rebound uses to
 * recognise a message fetched twice), the mailbox's own id for it (the POP3 UIDL, RFC 1939; IMAP "uidvalidity:uid",
 * RFC 3501 section 2.3.1.1) or empty, and when it
 * was downloaded.
 *
 * @param tooLarge for a message over the size limit, its size in the mailbox: then {@code raw} holds only its
 *                 header section (POP3 TOP, IMAP BODY.PEEK[HEADER]), and the message is never held in memory whole;
 *                 empty otherwise
 */
public record ReturnedMessage(byte[] raw, String contentHash, String mailboxUid, Instant fetchedAt,
                              OptionalLong tooLarge) {

    public ReturnedMessage {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(mailboxUid, "mailboxUid");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(tooLarge, "tooLarge");
    }

    /** A message read now. */
    public static ReturnedMessage of(byte[] raw, String mailboxUid) {
        return new ReturnedMessage(raw, sha256(raw), mailboxUid, Instant.now(), OptionalLong.empty());
    }

    /** A message over the size limit, of which only the header section was read now. */
    public static ReturnedMessage headersOnly(byte[] headers, String mailboxUid, long size) {
        return new ReturnedMessage(headers, sha256(headers), mailboxUid, Instant.now(), OptionalLong.of(size));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A short, file-name-safe name for logs and the dead-letter folder. */
    public String shortId() {
        return contentHash.substring(0, 16);
    }

    @Override
    public String toString() {
        return "ReturnedMessage[" + shortId() + ", " + raw.length + " bytes, uid=" + mailboxUid + "]";
    }
}
