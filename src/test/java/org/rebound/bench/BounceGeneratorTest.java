package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rebound.bench.BounceGenerator.Category;
import org.rebound.bench.BounceGenerator.Generated;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.message.ReturnedMessage;

class BounceGeneratorTest {

    private static final int SAMPLE = 2_000;
    private static BounceGenerator generator;
    private static List<Generated> sample;

    @BeforeAll
    static void generateASample() throws IOException {
        generator = BounceGenerator.fromDemoCorpus(42, BounceGenerator.Mix.DEFAULT);
        sample = IntStream.range(0, SAMPLE).mapToObj(generator::generate).toList();
    }

    @Test
    void sameSeedAndIndexGiveTheSameBytes() throws IOException {
        BounceGenerator again = BounceGenerator.fromDemoCorpus(42, BounceGenerator.Mix.DEFAULT);

        assertArrayEquals(generator.generate(1234).raw(), again.generate(1234).raw());
    }

    @Test
    void anotherSeedGivesOtherMessages() throws IOException {
        BounceGenerator other = BounceGenerator.fromDemoCorpus(43, BounceGenerator.Mix.DEFAULT);

        assertFalse(java.util.Arrays.equals(generator.generate(7).raw(), other.generate(7).raw()));
    }

    @Test
    void everyGeneratedMessageHasDistinctBytes() {
        Set<String> hashes = new HashSet<>();
        sample.forEach(g -> hashes.add(ReturnedMessage.sha256(g.raw())));

        assertEquals(SAMPLE, hashes.size());
    }

    @Test
    void everyRecipientIsFreshAndUnique() {
        Set<String> recipients = new HashSet<>();
        long total = sample.stream().flatMap(g -> g.recipients().stream().distinct()).peek(recipients::add).count();

        assertEquals(total, recipients.size());
    }

    @Test
    void parserFindsTheGeneratedRecipientsAndMessageIdInEveryBounce() throws Exception {
        ReportParser parser = new ReportParser();
        for (Generated g : sample) {
            BounceReport report = parser.parse(g.raw());
            List<String> found = report.isBounce()
                    ? report.recipients().stream().map(RecipientStatus::finalRecipient).toList() : List.of();
            assertEquals(g.recipients(), found, g.template() + " #" + g.index());
            assertEquals(g.originalMessageId(), report.isBounce() ? report.original().messageId() : "",
                    g.template() + " #" + g.index());
        }
    }

    @Test
    void mixHoldsMostlySingleBouncesAndSomeOfEveryOtherKindTheTemplatesAllow() {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        sample.forEach(g -> counts.merge(g.category(), 1, Integer::sum));
        Map<Category, List<String>> templates = generator.templates();

        assertTrue(counts.get(Category.SINGLE_RECIPIENT_BOUNCE) > SAMPLE * 0.7, counts.toString());
        for (Category c : List.of(Category.MULTI_RECIPIENT_BOUNCE, Category.AUTO_REPLY, Category.NOT_A_BOUNCE)) {
            if (!templates.get(c).isEmpty()) {
                assertTrue(counts.getOrDefault(c, 0) > 0, c + " " + counts);
            }
        }
    }

    @Test
    void multiRecipientBouncesNameSeveralRecipients() {
        sample.stream().filter(g -> g.category() == Category.MULTI_RECIPIENT_BOUNCE)
                .forEach(g -> assertTrue(g.recipients().stream().distinct().count() > 1, g.template()));
    }

    @Test
    void sentRowsNameEachDistinctRecipientOfTheOriginalMessage() {
        Generated bounce = sample.stream().filter(Generated::reportsOnRecipients).findFirst().orElseThrow();

        assertEquals(bounce.recipients().stream().distinct().toList(),
                bounce.sentRows().stream().map(BounceGenerator.SentRow::recipient).toList());
        bounce.sentRows().forEach(r -> assertEquals(bounce.originalMessageId(), r.messageId()));
    }

    @Test
    void mailThatIsNotABounceYieldsNoSentRows() {
        sample.stream().filter(g -> !g.reportsOnRecipients())
                .forEach(g -> assertTrue(g.sentRows().isEmpty(), g.template()));
    }
}
