package org.rebound.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.rebound.correlate.KeyType;
import org.rebound.message.BounceEvent;
import org.rebound.message.Disposition;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Window;
import org.rebound.provider.ReceivingProviders;
import org.rebound.quarantine.HistoryEntry;

/**
 * Rebound's own meters of the pipeline, beside Camel's route metrics on the same registry (served at
 * /observe/metrics in Prometheus's format). The fetch route feeds them from each window, as it enters and once it
 * has committed, so they count what this process recorded; Prometheus sums the instances.
 *
 * <p>Labels take only bounded values: the classification's closed sets (reason, type, fault), the receiving
 * provider (rules/providers/providers.yaml, or "other"), a correlation key, a mailbox account's name, a quarantine
 * state. Never an address or a campaign id, which would make a series per recipient or per campaign.
 */
public final class PipelineMeters {

    private final MeterRegistry registry;
    private final ReceivingProviders providers;
    private final Clock clock;
    private final Timer windowDuration;
    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** A mailbox's current session: its size when opened, and what has been fetched in it since. */
    private record Session(int size, long fetched) {
    }

    public PipelineMeters(MeterRegistry registry, ReceivingProviders providers, Clock clock) {
        this.registry = registry;
        this.providers = providers;
        this.clock = clock;
        this.windowDuration = Timer.builder("rebound.window.duration")
                .description("From a window's download to its commit (the database, the dead-letter files)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    /** A window downloaded from a mailbox, as it enters the fetch route. */
    public void fetched(Window window) {
        String mailbox = window.source().account();
        int n = window.messages().size();
        Counter.builder("rebound.messages.fetched").description("Returned messages downloaded from a mailbox")
                .tag("mailbox", mailbox).register(registry).increment(n);
        Session now = sessions.compute(mailbox, (m, s) -> window.source().firstOfSession() || s == null
                ? new Session(window.source().mailboxSize(), n) : new Session(s.size(), s.fetched() + n));
        backlogOf(mailbox).set(Math.max(0, now.size() - now.fetched()));
    }

    /**
     * A window committed: its events, dead letters, kept messages, correlations and its duration. Counted by label
     * values first and added once per counter: finding a counter in the registry builds and looks up its id, which
     * per event took a quarter of the fetch route's own CPU (JFR, bench --messages 10000).
     */
    public void committed(Window window) {
        Map<List<String>, Integer> events = new HashMap<>();
        Map<String, Integer> correlations = new HashMap<>();
        Map<String, Integer> deadLetters = new HashMap<>();
        int kept = 0;
        for (Disposition d : window.dispositions()) {
            for (BounceEvent e : d.recorded()) {
                events.merge(List.of(e.result().reason().label(), e.result().type().label(),
                        e.result().fault().label(),
                        providers.of(e.recipient().finalRecipient(), e.recipient().remoteMta())), 1, Integer::sum);
            }
            for (BounceEvent e : d.result().events()) {
                correlations.merge(e.correlation().matchedBy().map(KeyType::label).orElse("none"), 1, Integer::sum);
            }
            d.deadLetterReason().ifPresent(reason -> deadLetters.merge(reason, 1, Integer::sum));
            kept += d.keepInMailbox() ? 1 : 0;
        }
        events.forEach((labels, n) -> Counter.builder("rebound.bounce.events").description("Bounce events recorded")
                .tag("reason", labels.get(0)).tag("type", labels.get(1)).tag("fault", labels.get(2))
                .tag("provider", labels.get(3)).register(registry).increment(n));
        correlations.forEach((key, n) -> Counter.builder("rebound.correlations")
                .description("Bounce events by the key that found their sent message (none: unmatched)")
                .tag("key", key).register(registry).increment(n));
        deadLetters.forEach((reason, n) -> Counter.builder("rebound.messages.dead.lettered")
                .description("Returned messages moved to the dead-letter folder").tag("reason", reason)
                .register(registry).increment(n));
        if (kept > 0) {
            Counter.builder("rebound.messages.kept").description("Returned messages kept in the mailbox")
                    .register(registry).increment(kept);
        }
        window.dispositions().stream().map(Disposition::message).map(ReturnedMessage::fetchedAt)
                .min(Instant::compareTo)
                .ifPresent(first -> windowDuration.record(Duration.between(first, clock.instant())));
    }

    /** Changes of addresses' quarantine states that committed. */
    public void transitions(List<HistoryEntry> changes) {
        for (HistoryEntry h : changes) {
            Counter.builder("rebound.quarantine.transitions").description("Changes of an address's state")
                    .tag("from", h.from().label()).tag("to", h.to().label()).tag("rule", h.rule().id())
                    .register(registry).increment();
        }
    }

    /** The rule book was re-read after an edit: loaded, or refused (the old one kept). */
    public void ruleBookReloaded(boolean loaded) {
        Counter.builder("rebound.rule.reloads").description("Re-reads of the rule book after an edit")
                .tag("outcome", loaded ? "loaded" : "refused").register(registry).increment();
    }

    /** Messages left in a mailbox's current session; read by the gauge and the mailbox MBean. */
    public long backlog(String mailbox) {
        return backlogOf(mailbox).get();
    }

    private AtomicLong backlogOf(String mailbox) {
        return backlog.computeIfAbsent(mailbox, m -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("rebound.mailbox.backlog", value, AtomicLong::get)
                    .description("Messages the mailbox held at its session's start, less those fetched since")
                    .tag("mailbox", m).register(registry);
            return value;
        });
    }
}
