package org.rebound.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rebound.classify.BounceType;
import org.rebound.classify.Classification;
import org.rebound.classify.Fault;
import org.rebound.classify.Reason;
import org.rebound.correlate.Correlation;
import org.rebound.dsn.Action;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.StatusCode;
import org.rebound.message.Disposition.Outcome;

/** A window's steps: what a committed window releases and keeps, its parts merged, and its messages by fate. */
class WindowTest {

    private final ReturnedMessage recorded = message("recorded", "1");
    private final ReturnedMessage deadLettered = message("dead-lettered", "2");
    private final ReturnedMessage forwarded = message("forwarded", "3");
    private final ReturnedMessage kept = message("kept", "4");
    private final ReturnedMessage seenBefore = message("seen before", "5");

    @Test
    void nothingIsReleasedBeforeTheCommit() {
        Window decided = decided();

        assertEquals(Set.of(), decided.released());
        assertEquals(Set.of(), decided.kept());
    }

    @Test
    void aCommittedWindowReleasesEveryMessageNotKeptAndThoseDealtWithBefore() {
        Window committed = decided().committed();

        assertEquals(Set.of(recorded.contentHash(), deadLettered.contentHash(), forwarded.contentHash(),
                seenBefore.contentHash()), committed.released());
    }

    @Test
    void aCommittedWindowNamesTheMailboxIdsOfItsKeptMessages() {
        assertEquals(Set.of("4"), decided().committed().kept());
    }

    @Test
    void eachDestinationIsGivenOnlyItsMessages() {
        Window decided = decided();

        assertEquals(List.of(recorded), messages(decided.recorded()));
        assertEquals(List.of(deadLettered), messages(decided.deadLettered()));
        assertEquals(List.of(forwarded), messages(decided.forwarded()));
    }

    @Test
    void partsThatCommittedMergeIntoOneWindow() {
        Window downloaded = downloaded();
        Window first = downloaded.part(0, 2).onlyNew(List.of(recorded), Set.of(seenBefore.contentHash()))
                .decided(List.of(fate(recorded, Outcome.RECORDED))).committed();
        Window second = downloaded.part(2, 4).onlyNew(List.of(kept), Set.of())
                .decided(List.of(fate(kept, Outcome.KEPT))).committed();

        Window merged = first.and(second);

        assertEquals(List.of(recorded, kept), merged.messages());
        assertEquals(Set.of(recorded.contentHash(), seenBefore.contentHash()), merged.released());
        assertEquals(Set.of("4"), merged.kept());
        assertEquals(2, merged.dispositions().size());
    }

    @Test
    void aPartHoldsItsShareOfTheMessagesAndNothingDoneYet() {
        Window part = decided().committed().part(1, 3);

        assertEquals(List.of(deadLettered, forwarded), part.messages());
        assertTrue(part.dispositions().isEmpty() && part.released().isEmpty());
    }

    private Window downloaded() {
        return Window.of(new Window.Source("default", 5, true),
                List.of(recorded, deadLettered, forwarded, kept, seenBefore));
    }

    private Window decided() {
        return downloaded().onlyNew(List.of(recorded, deadLettered, forwarded, kept),
                Set.of(seenBefore.contentHash())).decided(List.of(fate(recorded, Outcome.RECORDED),
                fate(deadLettered, Outcome.DEAD_LETTERED), fate(forwarded, Outcome.FORWARDED),
                fate(kept, Outcome.KEPT)));
    }

    /** A message's fate; a recorded one has an event, a dead-lettered one a reason. */
    private static Disposition fate(ReturnedMessage message, Outcome outcome) {
        MessageResult result = MessageResult.unreadable(message, new IllegalStateException("test"));
        List<BounceEvent> events = outcome == Outcome.RECORDED ? List.of(event(message)) : List.of();
        return new Disposition(result, events,
                outcome == Outcome.DEAD_LETTERED ? Optional.of("unreadable") : Optional.empty(), outcome);
    }

    private static BounceEvent event(ReturnedMessage message) {
        RecipientStatus recipient = new RecipientStatus("r@example.com", "", Action.FAILED,
                Optional.of(StatusCode.parse("5.1.1")), "550", "550 5.1.1 unknown", "", "", SmtpCommand.RCPT);
        BounceReport report = new BounceReport(Kind.DSN, "test", "", "", "", "", OriginalMessage.UNKNOWN,
                List.of(recipient));
        return new BounceEvent(BounceEvent.eventId(message.contentHash(), 0, "r@example.com"), message, report,
                recipient, new Classification(Reason.USERUNKNOWN, BounceType.HARD, Fault.RECIPIENT, "test", ""),
                false, new Correlation.Unmatched(List.of()), Instant.EPOCH);
    }

    private static List<ReturnedMessage> messages(List<Disposition> dispositions) {
        return dispositions.stream().map(Disposition::message).toList();
    }

    private static ReturnedMessage message(String subject, String uid) {
        return ReturnedMessage.of(("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII),
                uid);
    }
}
