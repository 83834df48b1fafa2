package org.rebound.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rebound.bench.BenchDatabase.Stored;
import org.rebound.bench.BounceGenerator.Generated;

/**
 * What Rebound should have done with a set of generated messages: one stored and published event per recipient
 * result of every bounce (each is correlated, its sent message being in the log), and nothing for the others.
 */
public final class ExpectedResults {

    private final Map<String, Integer> eventsPerKey = new HashMap<>();
    private int messages;
    private int bounces;
    private int events;

    public void add(Generated g) {
        messages++;
        if (g.reportsOnRecipients()) {
            bounces++;
            for (String recipient : g.recipients()) {
                eventsPerKey.merge(Stored.key(g.originalMessageId(), recipient), 1, Integer::sum);
                events++;
            }
        }
    }

    public int messages() {
        return messages;
    }

    /** Messages that report on recipients, so Rebound records them. */
    public int bounces() {
        return bounces;
    }

    /** Messages that are not bounces, which a "keep" policy leaves in the mailbox. */
    public int notBounces() {
        return messages - bounces;
    }

    public int events() {
        return events;
    }

    /**
     * Compares what Rebound stored and published with what it should have.
     *
     * @param received         the eventId of every message the topic's subscriber received, repeats included
     * @param mailboxRemaining messages still in the mailbox
     * @param mailboxExpected  messages that should still be there (kept non-bounces, or none)
     */
    public Verdict compare(Stored stored, List<String> received, int mailboxRemaining, int mailboxExpected) {
        Recording recorded = compareRecorded(stored, mailboxRemaining, mailboxExpected);
        Set<String> receivedIds = new HashSet<>(received);
        Set<String> storedIds = new HashSet<>(stored.eventIds());
        int notPublished = (int) storedIds.stream().filter(id -> !receivedIds.contains(id)).count();
        int publishedNotStored = (int) receivedIds.stream().filter(id -> !storedIds.contains(id)).count();
        return new Verdict(events, stored.eventIds().size(), recorded.lost(), recorded.duplicated(),
                recorded.unexpected(), receivedIds.size(), received.size() - receivedIds.size(), notPublished,
                publishedNotStored, stored.unsentOutbox(), mailboxRemaining, mailboxExpected);
    }

    /**
     * Compares what Rebound recorded with what it should have, for a run that does not subscribe to the topic: every
     * recipient result stored once, the outbox sent, the mailbox drained.
     */
    public Recording compareRecorded(Stored stored, int mailboxRemaining, int mailboxExpected) {
        int lost = 0;
        int duplicated = 0;
        for (Map.Entry<String, Integer> e : eventsPerKey.entrySet()) {
            int found = stored.eventsPerKey().getOrDefault(e.getKey(), 0);
            lost += Math.max(0, e.getValue() - found);
            duplicated += Math.max(0, found - e.getValue());
        }
        int unexpected = stored.eventsPerKey().entrySet().stream()
                .filter(e -> !eventsPerKey.containsKey(e.getKey())).mapToInt(Map.Entry::getValue).sum();
        return new Recording(events, stored.eventIds().size(), lost, duplicated + stored.duplicateEventIds(),
                unexpected, stored.unsentOutbox(), mailboxRemaining, mailboxExpected);
    }

    /** What the database says of a run: bounce rows against the expected results, the outbox, the mailbox. */
    public record Recording(int expectedEvents, int storedEvents, int lost, int duplicated, int unexpected,
                            int unsentOutbox, int mailboxRemaining, int mailboxExpected) {

        public List<Verdict.Check> checks() {
            return List.of(
                    new Verdict.Check("every bounce stored exactly once",
                            lost == 0 && duplicated == 0 && unexpected == 0, "expected " + expectedEvents
                                    + ", stored " + storedEvents + ", lost " + lost + ", duplicated " + duplicated
                                    + ", unexpected " + unexpected),
                    new Verdict.Check("outbox sent", unsentOutbox == 0, unsentOutbox + " unsent"),
                    new Verdict.Check("mailbox drained", mailboxRemaining == mailboxExpected,
                            mailboxRemaining + " left, " + mailboxExpected + " expected (kept non-bounces)"));
        }

        public boolean passed() {
            return checks().stream().allMatch(Verdict.Check::passed);
        }
    }

    /**
     * The counts a run is judged on.
     *
     * @param expectedEvents      recipient results the generated bounces hold
     * @param storedEvents        bounce_event rows
     * @param lost                expected results with no row
     * @param duplicated          rows beyond one per expected result
     * @param unexpected          rows for no expected result
     * @param publishedUnique     distinct eventIds received on the topic
     * @param publishedAgain      events received more than once (allowed: at least once, consumers deduplicate)
     * @param notPublished        stored events never received on the topic
     * @param publishedNotStored  events received that are not stored
     * @param unsentOutbox        outbox rows not marked sent
     * @param mailboxRemaining    messages left in the mailbox
     * @param mailboxExpected     messages that should be left there
     */
    public record Verdict(int expectedEvents, int storedEvents, int lost, int duplicated, int unexpected,
                          int publishedUnique, int publishedAgain, int notPublished, int publishedNotStored,
                          int unsentOutbox, int mailboxRemaining, int mailboxExpected) {

        /** One check, passed or not, with the figures behind it. */
        public record Check(String name, boolean passed, String detail) {
        }

        public List<Check> checks() {
            return List.of(
                    new Check("every bounce stored exactly once", lost == 0 && duplicated == 0 && unexpected == 0,
                            "expected " + expectedEvents + ", stored " + storedEvents + ", lost " + lost
                                    + ", duplicated " + duplicated + ", unexpected " + unexpected),
                    new Check("every event published", notPublished == 0 && publishedNotStored == 0
                            && unsentOutbox == 0, "received " + publishedUnique + " distinct (" + publishedAgain
                            + " again), not received " + notPublished + ", received but not stored "
                            + publishedNotStored + ", outbox unsent " + unsentOutbox),
                    new Check("mailbox drained", mailboxRemaining == mailboxExpected,
                            mailboxRemaining + " left, " + mailboxExpected + " expected (kept non-bounces)"));
        }

        public boolean passed() {
            return checks().stream().allMatch(Check::passed);
        }
    }
}
