package org.rebound.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rebound.classify.BounceType;
import org.rebound.classify.Classification;
import org.rebound.classify.Fault;
import org.rebound.classify.Reason;
import org.rebound.correlate.Correlation;
import org.rebound.correlate.CorrelationKey;
import org.rebound.correlate.SentMessage;
import org.rebound.dsn.Action;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.StatusCode;
import org.rebound.message.Disposition.Outcome;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.BounceEvent;
import org.rebound.message.MessageResult;
import org.rebound.message.Disposition;

/** What becomes of each kind of returned message under each set of policies: one row per case. */
class DispositionPolicyTest {

    @ParameterizedTest(name = "{0} with non-bounce={1}, unmatched={2}, unproven={3}: {4} recorded, dead-letter ''{5}'', {6}")
    @CsvSource(delimiter = '|', value = {
        // message                 | non-bounce  | unmatched   | unproven    | recorded | dead-letter reason | outcome
        "unreadable               | keep        | dead-letter | store       | 0        |  unreadable        | DEAD_LETTERED",
        "not-a-bounce             | keep        | dead-letter | store       | 0        |                    | KEPT",
        "not-a-bounce             | forward     | dead-letter | store       | 0        |                    | FORWARDED",
        "not-a-bounce             | dead-letter | dead-letter | store       | 0        |  not-a-bounce      | DEAD_LETTERED",
        "bounce-correlated        | keep        | dead-letter | store       | 1        |                    | RECORDED",
        "bounce-uncorrelated      | keep        | dead-letter | store       | 0        |  uncorrelated      | DEAD_LETTERED",
        "bounce-uncorrelated      | keep        | store       | store       | 1        |                    | RECORDED",
        "bounce-half-correlated   | keep        | dead-letter | store       | 1        |  uncorrelated      | RECORDED",
        "bounce-half-correlated   | keep        | store       | store       | 2        |                    | RECORDED",
        "auto-reply-uncorrelated  | keep        | dead-letter | store       | 0        |                    | KEPT",
        "auto-reply-uncorrelated  | forward     | dead-letter | store       | 0        |                    | FORWARDED",
        "auto-reply-uncorrelated  | dead-letter | dead-letter | store       | 0        |  not-a-bounce      | DEAD_LETTERED",
        "auto-reply-uncorrelated  | keep        | store       | store       | 0        |                    | KEPT",
        "auto-reply-correlated    | keep        | dead-letter | store       | 1        |                    | RECORDED",
        "bounce-other-recipient   | keep        | dead-letter | store       | 1        |                    | RECORDED",
        "bounce-other-recipient   | keep        | dead-letter | dead-letter | 0        |  unproven          | DEAD_LETTERED",
        "bounce-other-recipient   | keep        | store       | dead-letter | 0        |  unproven          | DEAD_LETTERED",
    })
    void eachMessageHasOneFate(String message, String nonBounce, String unmatched, String unproven, int recorded,
                               String deadLetterReason, Outcome outcome) {
        Disposition d = new DispositionPolicy(NonBouncePolicy.parse(nonBounce), UnmatchedPolicy.parse(unmatched),
                UnmatchedPolicy.parse(unproven)).decide(result(message));

        assertEquals(recorded, d.recorded().size());
        assertEquals(Optional.ofNullable(deadLetterReason), d.deadLetterReason());
        assertEquals(outcome, d.outcome());
    }

    private static MessageResult result(String message) {
        ReturnedMessage raw = ReturnedMessage.of(message.getBytes(), "uid-1");
        return switch (message) {
            case "unreadable" -> MessageResult.unreadable(raw, new IllegalStateException("broken MIME"));
            case "not-a-bounce" -> MessageResult.notABounce(raw,
                    BounceReport.notABounce(Kind.HUMAN_REPLY, "test", "", OriginalMessage.UNKNOWN));
            case "bounce-correlated" -> bounce(raw, Kind.DSN, true);
            case "bounce-uncorrelated" -> bounce(raw, Kind.DSN, false);
            case "auto-reply-uncorrelated" -> bounce(raw, Kind.AUTO_REPLY, false);
            case "auto-reply-correlated" -> bounce(raw, Kind.AUTO_REPLY, true);
            case "bounce-other-recipient" -> forAnotherRecipient(raw);
            default -> bounce(raw, Kind.DSN, true, false);
        };
    }

    private static MessageResult bounce(ReturnedMessage raw, Kind kind, boolean... correlated) {
        List<RecipientStatus> recipients = new ArrayList<>();
        for (int i = 0; i < correlated.length; i++) {
            recipients.add(new RecipientStatus("r" + i + "@example.com", "", Action.FAILED,
                    Optional.of(StatusCode.parse("5.1.1")), "550", "550 5.1.1 unknown", "", "", SmtpCommand.RCPT));
        }
        BounceReport report = new BounceReport(kind, "test", "", "", "", "", OriginalMessage.UNKNOWN, recipients);
        Classification userUnknown = new Classification(Reason.USERUNKNOWN, BounceType.HARD, Fault.RECIPIENT,
                "test", "");
        List<BounceEvent> events = new ArrayList<>();
        for (int i = 0; i < correlated.length; i++) {
            BounceEvent event = new BounceEvent(BounceEvent.eventId(raw.contentHash(), i, "r" + i), raw, report,
                    recipients.get(i), userUnknown, false, new Correlation.Unmatched(List.of()), Instant.EPOCH);
            events.add(correlated[i] ? event.correlatedWith(matched(recipients.get(i))) : event);
        }
        return MessageResult.bounce(raw, report, events);
    }

    /** A bounce whose Message-ID names a message sent to someone else than the recipient it reports on. */
    private static MessageResult forAnotherRecipient(ReturnedMessage raw) {
        MessageResult one = bounce(raw, Kind.DSN, false);
        SentMessage sent = new SentMessage("m@sender.example", "someone-else@example.com", "d1", Optional.empty(), "",
                "", "");
        BounceEvent event = one.events().get(0).correlatedWith(new Correlation.Matched(sent,
                new CorrelationKey.OriginalMessageId("m@sender.example"), false));
        return MessageResult.bounce(raw, one.report().orElseThrow(), List.of(event));
    }

    private static Correlation matched(RecipientStatus r) {
        SentMessage sent = new SentMessage("m@sender.example", r.finalRecipient(), "d1", Optional.empty(), "", "", "");
        return new Correlation.Matched(sent, new CorrelationKey.OriginalMessageId("m@sender.example"), true);
    }
}
