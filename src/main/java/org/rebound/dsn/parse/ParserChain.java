package org.rebound.dsn.parse;

import java.util.Optional;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.dsn.mta.MtaParsers;
import org.rebound.dsn.format.ArfParser;
import org.rebound.dsn.format.AutoReplyParser;
import org.rebound.dsn.format.ChallengeParser;
import org.rebound.dsn.format.FormatParser;
import org.rebound.dsn.format.GenericBounceParser;
import org.rebound.dsn.format.HumanReplyParser;
import org.rebound.dsn.format.ReturnedMail;
import org.rebound.dsn.format.Rfc3464Parser;
import org.rebound.dsn.format.SendersOwnAddresses;
import org.rebound.dsn.format.UnsubscribeRequestParser;

/**
 * Chooses the parser for a returned message by evidence, cheapest and most certain first: a feedback-report part
 * (ARF), a delivery-status part (RFC 3464/6533), or delivery-status fields pasted into its text, then the
 * reporting-MTA parsers whose markers (From, Subject, headers, body phrases) the message carries, then
 * challenge-response and auto-reply markers, then the generic notice reader for anything else from a mail system,
 * and last a person's reply. Each step is a lookup, not a trial parse by every parser in turn.
 */
public final class ParserChain {

    private final ArfParser arf = new ArfParser();
    private final Rfc3464Parser rfc3464 = new Rfc3464Parser();
    private final ChallengeParser challenge = new ChallengeParser();
    private final AutoReplyParser autoReply = new AutoReplyParser();
    private final HumanReplyParser humanReply = new HumanReplyParser();
    private final UnsubscribeRequestParser unsubscribe = new UnsubscribeRequestParser();
    private final GenericBounceParser generic = new GenericBounceParser();
    private final MtaParsers mtaParsers = new MtaParsers();

    /**
     * The report the message's evidence points to. A failure report never names the sender's own addresses as
     * failed recipients (see {@link SendersOwnAddresses}).
     */
    public BounceReport read(ReturnedMail mail) {
        BounceReport report = readAny(mail);
        Kind kind = report.kind();
        if (report.recipients().isEmpty()
                || (kind != Kind.DSN && kind != Kind.NON_STANDARD_BOUNCE && kind != Kind.DELAY_NOTICE)) {
            return report;
        }
        return SendersOwnAddresses.of(mail).removeFrom(report);
    }

    private BounceReport readAny(ReturnedMail mail) {
        if (ArfParser.recognises(mail)) {
            Optional<BounceReport> r = arf.parse(mail);
            if (r.isPresent()) {
                return r.get();
            }
        }
        boolean statusFields = Rfc3464Parser.hasStatusFields(mail);
        if (statusFields) {
            // Reporting MTAs whose standard reports need their own reading of the words (McAfee's appliances
            // state no Status): their header evidence is certain, so they come first.
            for (FormatParser p : mtaParsers.standardReaders(mail)) {
                Optional<BounceReport> r = p.parse(mail);
                if (r.isPresent()) {
                    return r.get();
                }
            }
            Optional<BounceReport> r = rfc3464.parse(mail);
            if (r.isPresent()) {
                return r.get();
            }
        }
        for (FormatParser p : mtaParsers.candidates(mail)) {
            Optional<BounceReport> r = p.parse(mail);
            if (r.isPresent()) {
                return r.get();
            }
        }
        if (UnsubscribeRequestParser.recognises(mail)) {
            Optional<BounceReport> r = unsubscribe.parse(mail);
            if (r.isPresent()) {
                return r.get();
            }
        }
        if (ChallengeParser.recognises(mail)) {
            Optional<BounceReport> r = challenge.parse(mail);
            if (r.isPresent()) {
                return r.get();
            }
        }
        if (AutoReplyParser.recognises(mail) && !mail.fromMailSystem()) {
            Optional<BounceReport> r = autoReply.parse(mail);
            if (r.isPresent()) {
                return r.get();
            }
        }
        // A delivery-status part is evidence of a bounce even where it has no per-recipient fields (RFC 3464
        // requires them; some MTAs leave them out): its human-readable part (section 2.1) names the recipient.
        if (statusFields || GenericBounceParser.recognises(mail)) {
            Optional<BounceReport> r = generic.parse(mail);
            if (r.isPresent()) {
                return r.get();
            }
        }
        if (HumanReplyParser.recognises(mail)) {
            Optional<BounceReport> r = humanReply.parse(mail);
            if (r.isPresent()) {
                return r.get();
            }
        }
        return BounceReport.notABounce(Kind.NOT_A_BOUNCE, "none", mail.returnPath(), OriginalMessage.UNKNOWN);
    }
}
