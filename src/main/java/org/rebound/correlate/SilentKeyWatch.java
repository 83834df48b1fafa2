package org.rebound.correlate;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator, once per key type and process, about a key type that has matched nothing since start while
 * other key types matched: the sign of a column setting that names the wrong column or holds values in another
 * form (Message-IDs kept with a prefix, VERP tokens upper-cased). Without it, such a key is silent and every
 * bounce falls through to a weaker key, or to the dead-letter folder. The counts add up over the windows, so a
 * mailbox that receives a few bounces a poll is told too.
 */
public final class SilentKeyWatch {

    /**
     * Below this many bounces carrying the key, none matching proves little: a few bounces of mail that another
     * system sent, or auto-replies whose References name a person's earlier mail, match nothing too.
     */
    static final int MIN_TRIED = 10;

    private static final Logger LOG = LoggerFactory.getLogger(SilentKeyWatch.class);

    /** How many bounces carried a key type's key to a lookup, and how many it matched. */
    public record Tally(int tried, int matched) {

        Tally plus(Tally other) {
            return new Tally(tried + other.tried, matched + other.matched);
        }
    }

    private final Consumer<String> warn;
    private final Map<KeyType, Tally> totals = new EnumMap<>(KeyType.class);
    private final Set<KeyType> warned = EnumSet.noneOf(KeyType.class);

    public SilentKeyWatch() {
        this(LOG::warn);
    }

    /** @param warn where the warning goes (the log, or a test's list) */
    SilentKeyWatch(Consumer<String> warn) {
        this.warn = warn;
    }

    /**
     * Adds one window's tallies, by key type, to the totals since start, and warns for each type that was tried on
     * enough bounces and has never matched while another type has, unless it was warned about before.
     */
    public synchronized void window(Map<KeyType, Tally> tallies) {
        tallies.forEach((type, tally) -> totals.merge(type, tally, Tally::plus));
        String matching = totals.entrySet().stream()
                .filter(e -> e.getValue().matched() > 0)
                .map(e -> e.getKey().label() + " matched " + e.getValue().matched())
                .collect(Collectors.joining(", "));
        if (matching.isEmpty()) {
            return;
        }
        for (Map.Entry<KeyType, Tally> e : totals.entrySet()) {
            KeyType type = e.getKey();
            Tally tally = e.getValue();
            if (tally.matched() == 0 && tally.tried() >= MIN_TRIED && warned.add(type)) {
                warn.accept(type.label() + ": 0 of " + tally.tried() + " matched while " + matching + " — does "
                        + SentMessageTable.columnSetting(type) + " hold " + holds(type) + "?");
            }
        }
    }

    private static String holds(KeyType type) {
        return switch (type) {
            case MESSAGE_ID -> "the Message-ID as sent";
            case ENVELOPE_ID -> "the ENVID given at sending (RFC 3461)";
            case VERP -> "the token that rebound.correlation.verp-pattern captures from the return path";
            case CUSTOM_HEADER -> "the value of the header named by rebound.correlation.custom-header";
            case RECIPIENT_TIME -> "the recipient's address, and " + SentMessageTable.SENT_AT_COLUMN
                    + " when the message was sent";
        };
    }
}
