package org.rebound.dsn.parse;

import org.rebound.dsn.parse.ParserChain;
import org.rebound.dsn.format.ReturnedMail;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.rebound.dsn.mime.MimePart;
import org.rebound.dsn.mime.MimeReader;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.FieldLimits;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.mime.UnparseableMessageException;

/**
 * Reads a returned message into a {@link BounceReport}: one MIME walk (Apache James Mime4j), then the parser the
 * message's evidence points to (see {@link ParserChain}). Mail that is not a bounce yields a report with no
 * recipients. Input that cannot be read at all fails with an {@link UnparseableMessageException} giving the reason.
 * Instances are thread-safe.
 */
public final class ReportParser {

    /**
     * A bounce never needs to be this large; larger messages are refused rather than parsed. The cap bounds every
     * part too, since no part is larger than its message.
     */
    public static final int DEFAULT_MAX_PART_BYTES = 10 * 1024 * 1024;

    /** Real bounces nest three or four levels; far deeper nesting is an attack on the parser. */
    public static final int MAX_DEPTH = 20;

    /**
     * A returned message reports on the recipients of one sent message: one, or a few where a sender addressed
     * several at one domain. A thousand is far beyond any real bounce; a report naming more is refused whole.
     */
    public static final int DEFAULT_MAX_RECIPIENTS = 1000;

    private final MimeReader reader;
    private final int maxPartBytes;
    private final int maxRecipients;
    private final ParserChain chain = new ParserChain();

    public ReportParser() {
        this(DEFAULT_MAX_PART_BYTES, DEFAULT_MAX_RECIPIENTS);
    }

    /**
     * @param maxPartBytes  the largest message (and so the largest part) accepted, in bytes
     * @param maxRecipients the most recipients one report may name; a report naming more is refused whole
     */
    public ReportParser(int maxPartBytes, int maxRecipients) {
        if (maxPartBytes <= 0 || maxRecipients <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxPartBytes + ", " + maxRecipients);
        }
        this.maxPartBytes = maxPartBytes;
        this.maxRecipients = maxRecipients;
        this.reader = new MimeReader(MAX_DEPTH);
    }

    /**
     * Messages saved with CR-only line ends (classic Mac OS tools) have no LF at all: MIME parsers see one long
     * line. Such input gets CRLF line ends (RFC 5322 section 2.1); anything with an LF is left alone.
     */
    static byte[] withLineFeeds(byte[] raw) {
        int crs = 0;
        for (byte b : raw) {
            if (b == '\n') {
                return raw;
            }
            if (b == '\r') {
                crs++;
            }
        }
        if (crs == 0) {
            return raw;
        }
        byte[] out = new byte[raw.length + crs];
        int j = 0;
        for (byte b : raw) {
            out[j++] = b;
            if (b == '\r') {
                out[j++] = '\n';
            }
        }
        return out;
    }

    /**
     * The report of one returned message. A report that names more recipients than the limit, or a recipient that
     * cannot be an address (RFC 5321 lengths), is refused whole with the reason, for the dead-letter folder: the
     * message is suspect, and recording part of it would hide that.
     */
    public BounceReport parse(byte[] raw) throws UnparseableMessageException {
        BounceReport report = read(raw);
        if (report.recipients().size() > maxRecipients) {
            throw new UnparseableMessageException("the report names " + report.recipients().size()
                    + " recipients, more than rebound.parsing.max-recipients (" + maxRecipients + ")");
        }
        for (RecipientStatus r : report.recipients()) {
            Optional<String> problem = FieldLimits.addressProblem(r.finalRecipient());
            if (problem.isPresent()) {
                throw new UnparseableMessageException("invalid recipient: " + problem.get() + ": "
                        + FieldLimits.cut(r.finalRecipient(), 80));
            }
        }
        return report;
    }

    private BounceReport read(byte[] raw) throws UnparseableMessageException {
        if (raw.length == 0) {
            throw new UnparseableMessageException("not a message: empty input");
        }
        if (raw.length > maxPartBytes) {
            throw new UnparseableMessageException("message exceeds cap of " + maxPartBytes + " bytes");
        }
        try {
            ReturnedMail mail = new ReturnedMail(reader.read(withLineFeeds(raw)));
            BounceReport report = chain.read(mail);
            if (!report.isBounce()) {
                // A bounce forwarded as an attachment (by a gateway or a person) is read from the attachment, once.
                for (MimePart part : mail.mime().parts()) {
                    if (part.mediaType().equals("message/rfc822") && !part.text().isEmpty()) {
                        BounceReport inner = chain.read(new ReturnedMail(
                                reader.read(part.text().getBytes(StandardCharsets.ISO_8859_1))));
                        if (inner.isBounce()) {
                            return inner;
                        }
                    }
                }
            }
            return report;
        } catch (RuntimeException e) {
            // A defect in a format parser must not stop the pipeline: the message goes to the dead-letter folder
            // with the defect named, and the fuzz test counts these (it expects none).
            throw new UnparseableMessageException("internal parser error: " + e, e);
        }
    }
}
