package org.rebound.correlate;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.sql.RowMapperFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.rebound.bench.Latencies;
import org.springframework.jdbc.core.RowMapper;

/**
 * The sent-message lookup two ways, side by side in one JVM on the same PostgreSQL data (CorrelationBenchmark's:
 * 100,000 sent, 10,000 bounces in windows of 500): A is the bean ({@link SentMessageLookup}, plain JDBC), B a
 * camel-sql route (src/test/resources/correlate/find-sent-messages.camel.yaml: one {@code sql:} endpoint per key
 * type, {@code IN (:#in:values)}) on the same HikariCP pool, called once per chunk of at most 500 keys, its rows
 * matched to the keys by the same {@link LookupChunk}. Each window asks, per key type, for the first key of each of
 * its bounces (what the correlator asks when every first key matches, as here): Message-ID, envelope id, VERP token,
 * and recipient and time for the bounces that quote nothing. After two warm-up rounds each, A and B alternate, a
 * round being some passes over the 10,000 bounces, and the medians (nearest rank) are printed, since the
 * machine's CPU is shared.
 * Prints its figures (seconds per pass of 10,000 bounces); asserts nothing.
 *
 * <p>Run: {@code mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt && java -cp
 * target/test-classes:target/classes:$(cat /tmp/cp.txt) org.rebound.correlate.SentMessageRouteBenchmark [ROUNDS [PASSES]]}
 */
public final class SentMessageRouteBenchmark {

    private static final Path ROUTE = Path.of("src", "test", "resources", "correlate",
            "find-sent-messages.camel.yaml");
    private static final CorrelationSettings ORDER = new CorrelationSettings(
            KeyType.parseOrder("message-id,envelope-id,verp,custom-header,recipient-time"),
            Pattern.compile("^bounces\\+([^@]+)@"), "X-Campaign-Id", Duration.ofDays(7), Optional.empty());

    /** One way of resolving the keys of one type. */
    private interface Lookup {
        Map<CorrelationKey, List<SentMessage>> resolve(List<CorrelationKey> keys) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (HikariDataSource postgres = CorrelationBenchmark.pool()) {
            CorrelationBenchmark.fill(postgres);
            List<Map<KeyType, List<CorrelationKey>>> windows = windows(CorrelationBenchmark.events());
            CountingDataSource beanCounting = new CountingDataSource(postgres);
            SentMessageLookup bean = new SentMessageLookup(beanCounting, CorrelationBenchmark.TABLE,
                    ORDER.recipientTimeWindow());
            CountingDataSource routeCounting = new CountingDataSource(postgres);
            try (DefaultCamelContext camel = camel(routeCounting)) {
                ProducerTemplate template = camel.createProducerTemplate();
                Lookup route = keys -> throughRoute(template, keys);
                Lookup plain = keys -> bean.resolve(keys);
                for (int warmUp = 0; warmUp < 2; warmUp++) {
                    pass(windows, plain, beanCounting, passes);
                    pass(windows, route, routeCounting, passes);
                }
                Latencies beanPasses = new Latencies();
                Latencies routePasses = new Latencies();
                for (int round = 0; round < rounds; round++) {
                    beanPasses.add(print("A bean     ", round, pass(windows, plain, beanCounting, passes)));
                    routePasses.add(print("B camel-sql", round, pass(windows, route, routeCounting, passes)));
                }
                double a = beanPasses.percentile(50).toNanos() / 1e9;
                double b = routePasses.percentile(50).toNanos() / 1e9;
                System.out.printf("median of %d rounds: A bean %.3f s (%.0f bounces/s), B camel-sql %.3f s "
                                + "(%.0f bounces/s): B takes %+.1f %%%n", rounds, a, CorrelationBenchmark.BOUNCES / a,
                        b, CorrelationBenchmark.BOUNCES / b, (b / a - 1) * 100);
            }
        }
    }

    /** Per window of 500 bounces, each bounce's first key, by type. */
    private static List<Map<KeyType, List<CorrelationKey>>> windows(List<PendingEvent> events) {
        KeyExtractor extractor = new KeyExtractor(ORDER);
        List<Map<KeyType, List<CorrelationKey>>> windows = new ArrayList<>();
        for (int from = 0; from < events.size(); from += CorrelationBenchmark.BATCH) {
            Map<KeyType, Set<CorrelationKey>> byType = new EnumMap<>(KeyType.class);
            for (PendingEvent event : events.subList(from, from + CorrelationBenchmark.BATCH)) {
                CorrelationKey first = extractor.extract(event).get(0);
                byType.computeIfAbsent(first.type(), t -> new LinkedHashSet<>()).add(first);
            }
            Map<KeyType, List<CorrelationKey>> window = new EnumMap<>(KeyType.class);
            byType.forEach((type, keys) -> window.put(type, List.copyOf(keys)));
            windows.add(window);
        }
        return windows;
    }

    /** Nanoseconds, keys matched and queries per pass, of some passes over every window. */
    private record Pass(long nanos, long matched, long queries) {
    }

    private static Pass pass(List<Map<KeyType, List<CorrelationKey>>> windows, Lookup lookup,
                             CountingDataSource counting, int passes) throws Exception {
        counting.reset();
        long matched = 0;
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            for (Map<KeyType, List<CorrelationKey>> window : windows) {
                for (List<CorrelationKey> keys : window.values()) {
                    matched += lookup.resolve(keys).size();
                }
            }
        }
        return new Pass((System.nanoTime() - start) / passes, matched / passes,
                counting.statementsExecuted() / passes);
    }

    /** Prints a round's figures; its nanoseconds per pass. */
    private static long print(String name, int round, Pass pass) {
        System.out.printf("round %d %s: %d keys matched, %d queries, %.3f s%n", round + 1, name, pass.matched(),
                pass.queries(), pass.nanos() / 1e9);
        return pass.nanos();
    }

    private static Map<CorrelationKey, List<SentMessage>> throughRoute(ProducerTemplate template,
                                                                       List<CorrelationKey> keys) {
        Map<CorrelationKey, List<SentMessage>> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += SentMessageLookup.DEFAULT_CHUNK_SIZE) {
            LookupChunk chunk = new LookupChunk(keys.get(0).type(), keys.subList(from,
                    Math.min(keys.size(), from + SentMessageLookup.DEFAULT_CHUNK_SIZE)), ORDER.recipientTimeWindow());
            Map<String, Object> parameters = Map.of("values", chunk.values(), "recipients", chunk.recipients(),
                    "sentFrom", chunk.sentFrom(), "sentTo", chunk.sentTo());
            @SuppressWarnings("unchecked")
            List<SentMessage> rows = template.requestBodyAndHeader("direct:find-sent-messages", parameters,
                    "ReboundKeyType", chunk.type().label(), List.class);
            found.putAll(chunk.match(rows));
        }
        return found;
    }

    private static DefaultCamelContext camel(DataSource dataSource) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("dataSource", dataSource);
        camel.getRegistry().bind("sentMessageRows", new SentMessageRows(CorrelationBenchmark.TABLE));
        Properties properties = new Properties();
        CorrelationBenchmark.TABLE.columnsBySetting().forEach(properties::setProperty);
        properties.setProperty(SentMessageTable.TABLE, CorrelationBenchmark.TABLE.table());
        camel.getPropertiesComponent().setInitialProperties(properties);
        camel.start();
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveResource(camel, "file:" + ROUTE.toAbsolutePath()));
        return camel;
    }

    /** camel-sql's rows as SentMessages: the configured columns, read by name. */
    private record SentMessageRows(SentMessageTable table) implements RowMapperFactory {

        @Override
        public RowMapper<?> newColumnRowMapper() {
            return (ResultSet rs, int row) -> {
                Timestamp sentAt = rs.getTimestamp(table.sentAtColumn());
                return new SentMessage(text(rs, table.messageIdColumn()), text(rs, table.recipientColumn()),
                        text(rs, table.deliveryIdColumn()), Optional.ofNullable(sentAt).map(Timestamp::toInstant),
                        text(rs, table.envelopeIdColumn()), text(rs, table.verpTokenColumn()),
                        text(rs, table.customHeaderColumn()));
            };
        }

        @Override
        public RowMapper<?> newBeanRowMapper(Class<?> type) {
            throw new UnsupportedOperationException("rows are SentMessages, not " + type);
        }

        private static String text(ResultSet rs, String column) throws SQLException {
            String value = column.isEmpty() ? null : rs.getString(column);
            return value == null ? "" : value.trim();
        }
    }
}
