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
 * Tells the operator, once per key type and process, about a key type that matched nothing in a window where
 * other key types matched: the sign of a column setting that names the wrong column or holds values in another
 * form (Message-IDs kept with a prefix, VERP tokens upper-cased). Without it, such a key is silent and every
 * bounce falls through to a weaker key, or to the dead-letter folder.
 */
public final class SilentKeyWatch {

    /**
     * Below this many bounces carrying the key in one window, none matching proves little: a few bounces of mail
     * that another system sent, or auto-replies whose References name a person's earlier mail, match nothing too.
     */
    static final int MIN_TRIED = 10;

    private static final Logger LOG = LoggerFactory.getLogger(SilentKeyWatch.class);

    /** How a window went for one key type. */
    public record Tally(int tried, int matched) {
    }

    private final Consumer<String> warn;
    private final Set<KeyType> warned = EnumSet.noneOf(KeyType.class);

    public SilentKeyWatch() {
        this(LOG::warn);
    }

    /** @param warn where the warning goes (the log, or a test's list) */
    SilentKeyWatch(Consumer<String> warn) {
        this.warn = warn;
    }

    /**
     * Looks at one window's tallies, by key type: warns for each type that was tried on enough bounces and matched
     * none while another type matched some, unless it was warned about before.
     */
    public synchronized void window(Map<KeyType, Tally> tallies) {
        Map<KeyType, Tally> matching = new EnumMap<>(KeyType.class);
        tallies.forEach((type, tally) -> {
            if (tally.matched() > 0) {
                matching.put(type, tally);
            }
        });
        if (matching.isEmpty()) {
            return;
        }
        String others = matching.entrySet().stream()
                .map(e -> e.getKey().label() + " matched " + e.getValue().matched())
                .collect(Collectors.joining(", "));
        for (Map.Entry<KeyType, Tally> e : new EnumMap<>(tallies).entrySet()) {
            KeyType type = e.getKey();
            Tally tally = e.getValue();
            if (tally.matched() == 0 && tally.tried() >= MIN_TRIED && warned.add(type)) {
                warn.accept(type.label() + ": 0 of " + tally.tried() + " matched while " + others + " — does "
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
