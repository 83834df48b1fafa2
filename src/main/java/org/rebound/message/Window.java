package org.rebound.message;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One window of returned messages from one mailbox, and what became of it: the body of the window's exchange from
 * the mailbox consumer to the end of its route. Each step returns the next window: the intake narrows it to the
 * messages not dealt with before, understanding and correlation give each its result, the disposition policy its
 * fate, and once the fate has committed the window says what may leave the mailbox and what stays there on purpose.
 * The mailbox consumer's completion reads that, so nothing but the exchange carries a window's state.
 *
 * @param source        the mailbox it came from, and its session's size for the drain's progress
 * @param messages      the messages still to be dealt with: as downloaded, and after the intake only the new ones
 * @param handledBefore content hashes of messages dealt with in an earlier window (fetched again after a crash
 *                      between commit and delete): they may leave the mailbox, unless they were kept
 * @param results       what was understood of each new message, then with its events correlated
 * @param dispositions  the fate of each new message: recorded, dead-lettered, forwarded or kept
 * @param released      once committed: the content hashes that may leave the mailbox (every copy of a message
 *                      shares its hash, and so its fate); empty before the commit
 * @param kept          once committed: the mailbox ids of the messages kept in the mailbox on purpose, for the
 *                      reader to skip from now on
 */
public record Window(Source source, List<ReturnedMessage> messages, Set<String> handledBefore,
        List<MessageResult> results, List<Disposition> dispositions, Set<String> released, Set<String> kept) {

    /**
     * Where a window came from.
     *
     * @param account        the mailbox account's name ("default" for rebound.mailbox.*, NAME for
     *                       rebound.mailboxes.NAME.*)
     * @param mailboxSize    how many messages the mailbox held when the session that downloaded the window opened
     * @param firstOfSession whether the window is its session's first: a drain counts a session's mailbox once
     */
    public record Source(String account, int mailboxSize, boolean firstOfSession) {

        public Source {
            Objects.requireNonNull(account, "account");
        }

        /** Messages that come from no mailbox session (the redrive command's dead letters). */
        public static Source outsideAMailbox(String what) {
            return new Source(what, 0, false);
        }
    }

    public Window {
        Objects.requireNonNull(source, "source");
        messages = List.copyOf(messages);
        handledBefore = Set.copyOf(handledBefore);
        results = List.copyOf(results);
        dispositions = List.copyOf(dispositions);
        released = Set.copyOf(released);
        kept = Set.copyOf(kept);
    }

    /**
     * A hash from the window's source and sizes, consistent with the record's equals, instead of the record's own,
     * which hashes every message, result and event in it. Camel keys its bean-method cache on the body when a route
     * calls a method of it (`${body.deadLettered()}`), so each such call hashed the whole window: 12 % of Rebound's
     * CPU in a 10,000-bounce drain (JFR, `bench --jfr`).
     */
    @Override
    public int hashCode() {
        return Objects.hash(source, messages.size(), results.size(), dispositions.size(), released.size());
    }

    /** A window as downloaded, nothing done with it yet. */
    public static Window of(Source source, List<ReturnedMessage> messages) {
        return new Window(source, messages, Set.of(), List.of(), List.of(), Set.of(), Set.of());
    }

    /** This window's messages from {@code from} to {@code to}, nothing done with them yet (poison isolation). */
    public Window part(int from, int to) {
        return of(source, messages.subList(from, to));
    }

    /**
     * After the intake: only the messages not dealt with before go on; those dealt with before (not kept) may
     * leave the mailbox once this window commits.
     */
    public Window onlyNew(List<ReturnedMessage> fresh, Set<String> dealtWithBefore) {
        return new Window(source, fresh, union(handledBefore, dealtWithBefore), results, dispositions, released, kept);
    }

    /** With what was understood of its messages (then with their events correlated). */
    public Window understood(List<MessageResult> understood) {
        return new Window(source, messages, handledBefore, understood, dispositions, released, kept);
    }

    /** With each message's fate. */
    public Window decided(List<Disposition> decided) {
        return new Window(source, messages, handledBefore, results, decided, released, kept);
    }

    /**
     * Once the window's dead-letter files are on disk, its forwarded mail sent and its transaction committed: every
     * message that is not kept may leave the mailbox, and the kept ones are to be skipped.
     */
    public Window committed() {
        Set<String> leaving = new LinkedHashSet<>(handledBefore);
        Set<String> staying = new LinkedHashSet<>();
        for (Disposition d : dispositions) {
            if (d.keepInMailbox()) {
                if (!d.message().mailboxUid().isEmpty()) {
                    staying.add(d.message().mailboxUid());
                }
            } else {
                leaving.add(d.message().contentHash());
            }
        }
        return new Window(source, messages, handledBefore, results, dispositions, union(released, leaving),
                union(kept, staying));
    }

    /**
     * Once its messages are on the work queue (rebound.workers.mode=queue), committed by the broker: every one may
     * leave the mailbox, and the workers decide their fates.
     */
    public Window queued() {
        Set<String> leaving = new LinkedHashSet<>(handledBefore);
        messages.forEach(m -> leaving.add(m.contentHash()));
        return new Window(source, messages, handledBefore, results, dispositions, union(released, leaving), kept);
    }

    /** This window and another part of it, as one: what either committed and released (poison isolation's halves). */
    public Window and(Window other) {
        return new Window(source, concat(messages, other.messages), union(handledBefore, other.handledBefore),
                concat(results, other.results), concat(dispositions, other.dispositions),
                union(released, other.released), union(kept, other.kept));
    }

    /** The messages whose events are recorded: stored in the database and published. */
    public List<Disposition> recorded() {
        return only(d -> !d.recorded().isEmpty());
    }

    /** The messages that go to the dead-letter folder (a partly recorded bounce too, for its other recipients). */
    public List<Disposition> deadLettered() {
        return only(d -> d.deadLetterReason().isPresent());
    }

    /** The messages to forward to a person (mail that is not a bounce, rebound.non-bounce.policy=forward). */
    public List<Disposition> forwarded() {
        return only(Disposition::forward);
    }

    private List<Disposition> only(Predicate<Disposition> fate) {
        return dispositions.stream().filter(fate).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> both = new ArrayList<>(a.size() + b.size());
        both.addAll(a);
        both.addAll(b);
        return both;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new LinkedHashSet<>(a);
        both.addAll(b);
        return both;
    }

    @Override
    public String toString() {
        return "Window[" + source.account() + ", " + messages.size() + " messages, " + dispositions.size()
                + " decided, " + released.size() + " released]";
    }
}
