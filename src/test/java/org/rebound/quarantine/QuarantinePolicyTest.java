package org.rebound.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rebound.classify.Classification;
import org.rebound.classify.Reason;
import org.rebound.dsn.Action;

/**
 * The quarantine policy as tables: one row per rule of DESIGN.md's policy, plus the boundary rows. Each row gives
 * the address before (state, soft error count, last significant error, last reason, quarantined at), the event
 * (a Sisimai reason, "delivered" or "delayed") and its time, then what must follow.
 */
class QuarantinePolicyTest {

    private static final String ADDRESS = "someone@example.org";
    private static final QuarantinePolicy POLICY = new QuarantinePolicy(QuarantineSettings.DEFAULTS);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # behaviour                                      | state       | n | last error           | last reason  | quarantined at       | event         | event at             | → state     | n | → last reason | rule                                   | history
        hard bounce quarantines a valid address          | VALID       | 0 | -                    | -            | -                    | userunknown   | 2026-01-01T00:00:00Z | QUARANTINED | 0 | userunknown   | HARD_BOUNCE_QUARANTINES                | 1
        hard bounce quarantines an address with errors   | WITH_ERRORS | 3 | 2026-01-01T00:00:00Z | mailboxfull  | -                    | hostunknown   | 2026-01-02T00:00:00Z | QUARANTINED | 3 | hostunknown   | HARD_BOUNCE_QUARANTINES                | 1
        first soft error puts the address with errors    | VALID       | 0 | -                    | -            | -                    | mailboxfull   | 2026-01-01T00:00:00Z | WITH_ERRORS | 1 | mailboxfull   | SOFT_ERROR_COUNTS                      | 1
        soft error exactly one day later counts          | WITH_ERRORS | 1 | 2026-01-01T00:00:00Z | mailboxfull  | -                    | suspend       | 2026-01-02T00:00:00Z | WITH_ERRORS | 2 | suspend       | SOFT_ERROR_COUNTS                      | 0
        soft error less than a day later does not count  | WITH_ERRORS | 1 | 2026-01-01T00:00:00Z | mailboxfull  | -                    | mailboxfull   | 2026-01-01T23:59:59Z | WITH_ERRORS | 1 | mailboxfull   | SOFT_ERROR_TOO_SOON                    | 0
        soft error older than the last one does not count| WITH_ERRORS | 2 | 2026-01-05T00:00:00Z | mailboxfull  | -                    | mailboxfull   | 2026-01-02T00:00:00Z | WITH_ERRORS | 2 | mailboxfull   | SOFT_ERROR_TOO_SOON                    | 0
        fifth soft error does not quarantine             | WITH_ERRORS | 4 | 2026-01-04T00:00:00Z | mailboxfull  | -                    | mailboxfull   | 2026-01-05T00:00:00Z | WITH_ERRORS | 5 | mailboxfull   | SOFT_ERROR_COUNTS                      | 0
        sixth soft error quarantines                     | WITH_ERRORS | 5 | 2026-01-05T00:00:00Z | mailboxfull  | -                    | mailboxfull   | 2026-01-06T00:00:00Z | QUARANTINED | 6 | mailboxfull   | SOFT_ERROR_LIMIT_QUARANTINES           | 1
        soft error exactly ten days after the last counts| WITH_ERRORS | 5 | 2026-01-01T00:00:00Z | mailboxfull  | -                    | mailboxfull   | 2026-01-11T00:00:00Z | QUARANTINED | 6 | mailboxfull   | SOFT_ERROR_LIMIT_QUARANTINES           | 1
        soft error over ten days after the last restarts | WITH_ERRORS | 5 | 2026-01-01T00:00:00Z | mailboxfull  | -                    | mailboxfull   | 2026-01-11T00:00:01Z | WITH_ERRORS | 1 | mailboxfull   | SOFT_ERROR_COUNTS                      | 2
        blocked IP is the sender's and is ignored        | WITH_ERRORS | 5 | 2026-01-05T00:00:00Z | mailboxfull  | -                    | blocked       | 2026-01-06T00:00:00Z | WITH_ERRORS | 5 | mailboxfull   | NOT_RECIPIENT_FAULT_IGNORED            | 0
        bad reputation is the sender's and is ignored    | VALID       | 0 | -                    | -            | -                    | badreputation | 2026-01-06T00:00:00Z | VALID       | 0 | -             | NOT_RECIPIENT_FAULT_IGNORED            | 0
        failed DMARC is the sender's and is ignored      | VALID       | 0 | -                    | -            | -                    | authfailure   | 2026-01-06T00:00:00Z | VALID       | 0 | -             | NOT_RECIPIENT_FAULT_IGNORED            | 0
        spam verdict is the content's and is ignored     | WITH_ERRORS | 5 | 2026-01-05T00:00:00Z | mailboxfull  | -                    | spamdetected  | 2026-01-06T00:00:00Z | WITH_ERRORS | 5 | mailboxfull   | NOT_RECIPIENT_FAULT_IGNORED            | 0
        network failure is ignored                       | WITH_ERRORS | 5 | 2026-01-05T00:00:00Z | mailboxfull  | -                    | expired       | 2026-01-06T00:00:00Z | WITH_ERRORS | 5 | mailboxfull   | NOT_RECIPIENT_FAULT_IGNORED            | 0
        vacation auto-reply is ignored                   | WITH_ERRORS | 2 | 2026-01-01T00:00:00Z | mailboxfull  | -                    | vacation      | 2026-01-03T00:00:00Z | WITH_ERRORS | 2 | mailboxfull   | NO_FAILURE_IGNORED                     | 0
        delay notice is ignored                          | WITH_ERRORS | 5 | 2026-01-05T00:00:00Z | mailboxfull  | -                    | delayed       | 2026-01-06T00:00:00Z | WITH_ERRORS | 5 | mailboxfull   | DELAY_IGNORED                          | 0
        complaint denylists a valid address              | VALID       | 0 | -                    | -            | -                    | feedback      | 2026-01-01T00:00:00Z | DENYLISTED  | 0 | feedback      | COMPLAINT_DENYLISTS                    | 1
        complaint denylists a quarantined address        | QUARANTINED | 0 | 2026-01-01T00:00:00Z | userunknown  | 2026-01-01T00:00:00Z | feedback      | 2026-01-02T00:00:00Z | DENYLISTED  | 0 | feedback      | COMPLAINT_DENYLISTS                    | 1
        denylisted stays denylisted on delivery success  | DENYLISTED  | 0 | -                    | feedback     | -                    | delivered     | 2026-01-02T00:00:00Z | DENYLISTED  | 0 | feedback      | DENYLIST_IS_FINAL                      | 0
        denylisted stays denylisted on a hard bounce     | DENYLISTED  | 0 | -                    | feedback     | -                    | userunknown   | 2026-01-02T00:00:00Z | DENYLISTED  | 0 | feedback      | DENYLIST_IS_FINAL                      | 0
        delivery success clears with errors              | WITH_ERRORS | 3 | 2026-01-01T00:00:00Z | mailboxfull  | -                    | delivered     | 2026-01-02T00:00:00Z | VALID       | 0 | mailboxfull   | DELIVERY_CLEARS_ERRORS                 | 1
        delivery success to a valid address is nothing   | VALID       | 0 | -                    | -            | -                    | delivered     | 2026-01-02T00:00:00Z | VALID       | 0 | -             | DELIVERY_TO_VALID_ADDRESS              | 0
        delivery success keeps a quarantine              | QUARANTINED | 0 | 2026-01-01T00:00:00Z | userunknown  | 2026-01-01T00:00:00Z | delivered     | 2026-01-02T00:00:00Z | QUARANTINED | 0 | userunknown   | DELIVERY_KEEPS_QUARANTINE              | 0
        quarantined address ignores a soft error         | QUARANTINED | 6 | 2026-01-06T00:00:00Z | mailboxfull  | 2026-01-06T00:00:00Z | mailboxfull   | 2026-01-08T00:00:00Z | QUARANTINED | 6 | mailboxfull   | QUARANTINED_IGNORES_FAILURES           | 0
        quarantined address ignores another hard bounce  | QUARANTINED | 0 | 2026-01-01T00:00:00Z | userunknown  | 2026-01-01T00:00:00Z | hostunknown   | 2026-01-08T00:00:00Z | QUARANTINED | 0 | userunknown   | QUARANTINED_IGNORES_FAILURES           | 0
        hard bounce makes a mailbox-full quarantine final| QUARANTINED | 6 | 2026-01-06T00:00:00Z | mailboxfull  | 2026-01-06T00:00:00Z | userunknown   | 2026-01-08T00:00:00Z | QUARANTINED | 6 | userunknown   | HARD_BOUNCE_MAKES_QUARANTINE_PERMANENT | 1
        mailbox-full quarantine past 30 days meets event | QUARANTINED | 6 | 2026-01-01T00:00:00Z | mailboxfull  | 2026-01-01T00:00:00Z | mailboxfull   | 2026-01-31T00:00:00Z | WITH_ERRORS | 1 | mailboxfull   | SOFT_ERROR_COUNTS                      | 2
        """)
    void appliesTheRuleOfTheRow(String behaviour, State state, int count, Instant lastError, String lastReason,
                                Instant quarantinedAt, String event, Instant eventAt, State expectedState,
                                int expectedCount, String expectedLastReason, PolicyRule expectedRule,
                                int expectedHistory) {
        AddressState before = address(state, count, lastError, lastReason, quarantinedAt);

        Transition transition = POLICY.apply(before, outcome(event, eventAt));

        assertEquals(List.of(expectedState, expectedCount, reason(expectedLastReason), expectedRule, expectedHistory),
                List.of(transition.after().state(), transition.after().softErrorCount(),
                        transition.after().lastReason(), transition.rule(), transition.history().size()),
                behaviour);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # behaviour                                       | state       | n | last error           | last reason | quarantined at       | now                  | → state     | rule                  | history
        mailbox-full quarantine lifts after exactly 30 days| QUARANTINED | 6 | 2026-01-01T00:00:00Z | mailboxfull | 2026-01-01T00:00:00Z | 2026-01-31T00:00:00Z | VALID       | MAILBOX_FULL_RECOVERS | 1
        mailbox-full quarantine holds before 30 days       | QUARANTINED | 6 | 2026-01-01T00:00:00Z | mailboxfull | 2026-01-01T00:00:00Z | 2026-01-30T23:59:59Z | QUARANTINED | NOTHING_DUE           | 0
        hard-bounce quarantine never lifts with time       | QUARANTINED | 0 | 2026-01-01T00:00:00Z | userunknown | 2026-01-01T00:00:00Z | 2030-01-01T00:00:00Z | QUARANTINED | NOTHING_DUE           | 0
        errors over ten days old expire                    | WITH_ERRORS | 3 | 2026-01-01T00:00:00Z | mailboxfull | -                    | 2026-01-11T00:00:01Z | VALID       | STALE_ERRORS_EXPIRE   | 1
        errors exactly ten days old stay                   | WITH_ERRORS | 3 | 2026-01-01T00:00:00Z | mailboxfull | -                    | 2026-01-11T00:00:00Z | WITH_ERRORS | NOTHING_DUE           | 0
        denylisted address never lifts with time           | DENYLISTED  | 0 | -                    | feedback    | -                    | 2030-01-01T00:00:00Z | DENYLISTED  | NOTHING_DUE           | 0
        valid address has nothing due                      | VALID       | 0 | -                    | -           | -                    | 2030-01-01T00:00:00Z | VALID       | NOTHING_DUE           | 0
        """)
    void recoversByTheTimeRuleOfTheRow(String behaviour, State state, int count, Instant lastError, String lastReason,
                                       Instant quarantinedAt, Instant now, State expectedState,
                                       PolicyRule expectedRule, int expectedHistory) {
        AddressState before = address(state, count, lastError, lastReason, quarantinedAt);

        Transition transition = POLICY.recover(before, now);

        assertEquals(List.of(expectedState, expectedRule, expectedHistory),
                List.of(transition.after().state(), transition.rule(), transition.history().size()), behaviour);
    }

    @Test
    void historyEntryNamesTheEventThatCausedTheChange() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");

        Transition transition = POLICY.apply(AddressState.valid(ADDRESS), outcome("userunknown", at, "event-42"));

        assertEquals(List.of(new HistoryEntry(ADDRESS, State.VALID, State.QUARANTINED,
                Optional.of(Reason.USERUNKNOWN), "event-42", at, PolicyRule.HARD_BOUNCE_QUARANTINES)),
                transition.history());
    }

    @Test
    void timeRuleHistoryEntryHasNoEventAndComesBeforeTheEventsEntry() {
        Instant quarantined = Instant.parse("2026-01-01T00:00:00Z");
        Instant later = Instant.parse("2026-02-15T00:00:00Z");
        AddressState full = address(State.QUARANTINED, 6, quarantined, "mailboxfull", quarantined);

        Transition transition = POLICY.apply(full, outcome("userunknown", later, "event-7"));

        assertEquals(List.of(
                new HistoryEntry(ADDRESS, State.QUARANTINED, State.VALID, Optional.empty(), "", later,
                        PolicyRule.MAILBOX_FULL_RECOVERS),
                new HistoryEntry(ADDRESS, State.VALID, State.QUARANTINED, Optional.of(Reason.USERUNKNOWN),
                        "event-7", later, PolicyRule.HARD_BOUNCE_QUARANTINES)), transition.history());
    }

    @Test
    void ignoredEventLeavesTheAddressUntouched() {
        AddressState before = address(State.WITH_ERRORS, 2, Instant.parse("2026-01-01T00:00:00Z"), "mailboxfull",
                null);

        Transition transition = POLICY.apply(before, outcome("blocked", Instant.parse("2026-01-03T00:00:00Z")));

        assertEquals(List.of(false, false), List.of(transition.changed(), transition.updated()));
    }

    @Test
    void countedSoftErrorUpdatesTheRowWithoutAStateChange() {
        AddressState before = address(State.WITH_ERRORS, 2, Instant.parse("2026-01-01T00:00:00Z"), "mailboxfull",
                null);

        Transition transition = POLICY.apply(before, outcome("mailboxfull", Instant.parse("2026-01-03T00:00:00Z")));

        assertEquals(List.of(false, true), List.of(transition.changed(), transition.updated()));
    }

    @Test
    void configuredThresholdQuarantinesOnTheThirdSoftError() {
        QuarantinePolicy strict = new QuarantinePolicy(new QuarantineSettings(3, Duration.ofHours(1),
                Duration.ofDays(10), Duration.ofDays(30)));
        AddressState address = AddressState.valid(ADDRESS);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        for (int i = 0; i < 3; i++) {
            address = strict.apply(address, outcome("mailboxfull", at.plus(Duration.ofHours(i)))).after();
        }

        assertEquals(State.QUARANTINED, address.state());
    }

    @Test
    void delayedRecipientIsADelayOutcome() {
        Outcome outcome = Outcome.of(Recipients.withAction(Action.DELAYED),
                classified(Reason.MAILBOXFULL), Instant.EPOCH, "e");

        assertEquals(Outcome.Delayed.class, outcome.getClass());
    }

    @Test
    void deliveredReasonIsADeliveryOutcome() {
        Outcome outcome = Outcome.of(Recipients.withAction(Action.DELIVERED),
                classified(Reason.DELIVERED), Instant.EPOCH, "e");

        assertEquals(Outcome.Delivered.class, outcome.getClass());
    }

    @Test
    void failedRecipientIsABounceOutcome() {
        Outcome outcome = Outcome.of(Recipients.withAction(Action.FAILED),
                classified(Reason.USERUNKNOWN), Instant.EPOCH, "e");

        assertEquals(Outcome.Bounce.class, outcome.getClass());
    }

    @Test
    void bounceOutcomeRefusesADelivery() {
        Classification delivered = classified(Reason.DELIVERED);

        assertThrows(IllegalArgumentException.class, () -> new Outcome.Bounce(delivered, Instant.EPOCH, "e"));
    }

    @Test
    void quarantinedAddressWithoutQuarantineTimeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AddressState(ADDRESS, State.QUARANTINED, 0,
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static AddressState address(State state, int count, Instant lastError, String lastReason,
                                        Instant quarantinedAt) {
        return new AddressState(ADDRESS, state, count, Optional.ofNullable(lastError), reason(lastReason),
                Optional.ofNullable(quarantinedAt));
    }

    private static Optional<Reason> reason(String label) {
        return Optional.ofNullable(label).map(Reason::parse);
    }

    private static Outcome outcome(String event, Instant at) {
        return outcome(event, at, "event-1");
    }

    /** "delivered", "delayed", or a Sisimai reason whose own type and fault the classifier would give. */
    private static Outcome outcome(String event, Instant at, String eventId) {
        return switch (event) {
            case "delivered" -> new Outcome.Delivered(at, eventId);
            case "delayed" -> new Outcome.Delayed(at, eventId);
            default -> new Outcome.Bounce(classified(Reason.parse(event)), at, eventId);
        };
    }

    private static Classification classified(Reason reason) {
        return new Classification(reason, reason.type(Optional.empty(), ""), reason.fault(), "test", "");
    }

    @Test
    void anOperatorsReleaseMakesADenylistedAddressValidWithOneHistoryEntry() {
        AddressState denylisted = new AddressState(ADDRESS, State.DENYLISTED, 0, Optional.empty(),
                Optional.of(Reason.FEEDBACK), Optional.empty());
        Transition t = POLICY.release(denylisted, Instant.parse("2026-02-01T00:00:00Z"));
        assertEquals(State.VALID, t.after().state());
        assertEquals(List.of(PolicyRule.RELEASED_BY_OPERATOR), t.history().stream().map(HistoryEntry::rule).toList());
    }

    @Test
    void releasingAValidAddressRecordsNoChange() {
        assertTrue(POLICY.release(AddressState.valid(ADDRESS), Instant.parse("2026-02-01T00:00:00Z")).history()
                .isEmpty());
    }
}
