package org.rebound.correlate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Ties a batch of recipient results to the messages they report on. The key types are tried in the configured
 * order; each type is looked up for the whole batch at once (one query per chunk of keys), and only the events
 * still unmatched go on to the next type. So a batch whose bounces all quote their Message-ID costs one query per
 * 500 bounces.
 */
public final class Correlator {

    private final CorrelationSettings settings;
    private final KeyExtractor extractor;
    private final SentMessageLookup lookup;
    private final SilentKeyWatch silentKeys;

    /**
     * @throws IllegalArgumentException when the order names a key type that the table has no column for
     */
    public Correlator(CorrelationSettings settings, SentMessageLookup lookup) {
        this(settings, lookup, new SilentKeyWatch());
    }

    /**
     * @param silentKeys told how each key type did in each batch
     * @throws IllegalArgumentException when the order names a key type that the table has no column for
     */
    public Correlator(CorrelationSettings settings, SentMessageLookup lookup, SilentKeyWatch silentKeys) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.silentKeys = Objects.requireNonNull(silentKeys, "silentKeys");
        for (KeyType type : settings.order()) {
            if (lookup.table().column(type).isEmpty()) {
                throw new IllegalArgumentException(CorrelationSettings.ORDER + " names " + type.label() + " but "
                        + SentMessageTable.columnSetting(type) + " is empty");
            }
        }
        this.extractor = new KeyExtractor(settings);
    }

    /** One correlation per event, in the events' order. */
    public List<Correlation> correlate(List<PendingEvent> events) throws SQLException {
        List<List<CorrelationKey>> keys = events.stream().map(extractor::extract).toList();
        List<List<String>> recipients = events.stream().map(KeyExtractor::recipients).toList();
        Correlation[] results = new Correlation[events.size()];
        Map<KeyType, SilentKeyWatch.Tally> tallies = new EnumMap<>(KeyType.class);
        for (KeyType type : settings.order()) {
            Set<CorrelationKey> wanted = new LinkedHashSet<>();
            int tried = 0;
            for (int i = 0; i < events.size(); i++) {
                List<CorrelationKey> ofType = ofType(keys.get(i), type);
                if (results[i] == null && !ofType.isEmpty()) {
                    wanted.addAll(ofType);
                    tried++;
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            Map<CorrelationKey, List<SentMessage>> found = lookup.resolve(wanted);
            int matched = 0;
            for (int i = 0; i < events.size(); i++) {
                if (results[i] == null) {
                    results[i] = firstMatch(ofType(keys.get(i), type), found, recipients.get(i),
                            settings.verpSignature()).orElse(null);
                    matched += results[i] == null ? 0 : 1;
                }
            }
            tallies.put(type, new SilentKeyWatch.Tally(tried, matched));
        }
        silentKeys.window(tallies);
        List<Correlation> correlations = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            correlations.add(results[i] != null ? results[i] : new Correlation.Unmatched(keys.get(i)));
        }
        return correlations;
    }

    /**
     * The first of an event's keys that found a row. Among a key's rows the bounce's own recipient's is preferred,
     * since one Message-ID may have gone to several recipients; a message-level key may fall back to another
     * recipient's row (the bounce came from a forwarding address), the latest sent. When VERP tokens are signed, a
     * token finds only the row whose recipient its signature was made for, and proves that recipient whatever the
     * bounce names; a token whose signature checks out against no row (forged, altered, unsigned) finds nothing.
     */
    private static Optional<Correlation> firstMatch(List<CorrelationKey> keys,
                                                    Map<CorrelationKey, List<SentMessage>> found,
                                                    List<String> recipients, Optional<VerpSignature> signature) {
        for (CorrelationKey key : keys) {
            List<SentMessage> rows = found.getOrDefault(key, List.of());
            if (key instanceof CorrelationKey.VerpToken verp && signature.isPresent()) {
                Optional<SentMessage> signedFor = rows.stream()
                        .filter(row -> signature.get().verifies(verp.token(), verp.signature(), row.recipient()))
                        .findFirst();
                if (signedFor.isPresent()) {
                    return Optional.of(new Correlation.Matched(signedFor.get(), key, true));
                }
                continue;
            }
            Optional<SentMessage> own = rows.stream()
                    .filter(row -> recipients.stream().anyMatch(r -> r.equalsIgnoreCase(row.recipient())))
                    .findFirst();
            if (own.isPresent()) {
                return Optional.of(new Correlation.Matched(own.get(), key, true));
            }
            if (!rows.isEmpty() && key.type().identifiesMessage()) {
                return Optional.of(new Correlation.Matched(rows.get(0), key, false));
            }
        }
        return Optional.empty();
    }

    private static List<CorrelationKey> ofType(List<CorrelationKey> keys, KeyType type) {
        return keys.stream().filter(key -> key.type() == type).toList();
    }
}
