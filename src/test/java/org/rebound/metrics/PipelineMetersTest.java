package org.rebound.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

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
import org.rebound.message.BounceEvent;
import org.rebound.message.Disposition;
import org.rebound.message.Disposition.Outcome;
import org.rebound.message.MessageResult;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Window;
import org.rebound.provider.ReceivingProviders;

class PipelineMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMeters meters = new PipelineMeters(registry, ReceivingProviders.of(Path.of("rules")),
            Clock.systemUTC());

    /** A bounce on these recipients, each unknown (5.1.1), none correlated, recorded. */
    private static Disposition recordedBounce(String uid, String... recipients) {
        ReturnedMessage raw = ReturnedMessage.of(("bounce " + uid).getBytes(StandardCharsets.US_ASCII), uid);
        List<RecipientStatus> statuses = new ArrayList<>();
        for (String r : recipients) {
            statuses.add(new RecipientStatus(r, "", Action.FAILED, Optional.of(StatusCode.parse("5.1.1")), "550",
                    "550 5.1.1 unknown", "", "", SmtpCommand.RCPT));
        }
        BounceReport report = new BounceReport(Kind.DSN, "test", "", "", "", "", OriginalMessage.UNKNOWN, statuses);
        Classification unknown = new Classification(Reason.USERUNKNOWN, BounceType.HARD, Fault.RECIPIENT, "test", "");
        List<BounceEvent> events = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            events.add(new BounceEvent(BounceEvent.eventId(raw.contentHash(), i, recipients[i]), raw, report,
                    statuses.get(i), unknown, false, new Correlation.Unmatched(List.of()), Instant.EPOCH));
        }
        return new Disposition(MessageResult.bounce(raw, report, events), events, Optional.empty(), Outcome.RECORDED);
    }

    private static Disposition unreadable(String uid) {
        ReturnedMessage raw = ReturnedMessage.of(("garbage " + uid).getBytes(StandardCharsets.US_ASCII), uid);
        return new Disposition(MessageResult.unreadable(raw, new IllegalStateException("broken MIME")), List.of(),
                Optional.of("unreadable"), Outcome.DEAD_LETTERED);
    }

    private static Window committed(Disposition... dispositions) {
        List<ReturnedMessage> messages = List.of(dispositions).stream().map(Disposition::message).toList();
        return Window.of(new Window.Source("default", messages.size(), true), messages)
                .decided(List.of(dispositions)).committed();
    }

    private double events(String provider) {
        return registry.get("rebound.bounce.events").tags("reason", Reason.USERUNKNOWN.label(), "provider", provider)
                .counter().count();
    }

    @Test
    void eventsOfAWindowAreCountedByTheirLabels() {
        meters.committed(committed(recordedBounce("1", "a@gmail.com", "b@gmail.com"),
                recordedBounce("2", "c@example.org")));

        assertEquals(2.0, events("google"));
        assertEquals(1.0, events(ReceivingProviders.OTHER));
    }

    @Test
    void countsAddUpAcrossWindows() {
        meters.committed(committed(recordedBounce("1", "a@gmail.com")));
        meters.committed(committed(recordedBounce("2", "b@gmail.com", "c@gmail.com")));

        assertEquals(3.0, events("google"));
    }

    @Test
    void eachEventCountsOnceByItsCorrelationKey() {
        meters.committed(committed(recordedBounce("1", "a@gmail.com", "b@example.org")));

        assertEquals(2.0, registry.get("rebound.correlations").tag("key", "none").counter().count());
    }

    @Test
    void deadLettersAreCountedByReason() {
        meters.committed(committed(unreadable("1"), unreadable("2"), recordedBounce("3", "a@gmail.com")));

        assertEquals(2.0, registry.get("rebound.messages.dead.lettered").tag("reason", "unreadable").counter().count());
    }
}
